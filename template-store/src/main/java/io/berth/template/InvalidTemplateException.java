package io.berth.template;

import java.util.List;

/**
 * Content refused at publish time by {@link ContentValidator}; {@link #problems()} lists every
 * reason, not only the first. Nothing was stored.
 */
public class InvalidTemplateException extends RuntimeException {

    private final transient List<TemplateProblem> problems;

    public InvalidTemplateException(List<TemplateProblem> problems) {
        super(summary(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<TemplateProblem> problems() {
        return problems;
    }

    private static String summary(List<TemplateProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid template needs at least one problem");
        }
        return "The content cannot be published: " + problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }
}
