package io.berth.template;

import java.util.List;

/**
 * Content refused at publish time by {@link ContentValidator}; {@link #problems()} lists every
 * reason, not only the first. Nothing was stored.
 */
public class InvalidTemplateException extends RuntimeException {

    private final transient List<TemplateProblem> problems;
    private final ContentKind kind;

    public InvalidTemplateException(List<TemplateProblem> problems) {
        this(problems, ContentKind.Simple);
    }

    /** @param kind the kind of content refused: for {@code Helm} the problems' paths are files of the chart */
    public InvalidTemplateException(List<TemplateProblem> problems, ContentKind kind) {
        super(summary(problems), null, false, false);
        this.problems = List.copyOf(problems);
        this.kind = kind;
    }

    public ContentKind kind() {
        return kind;
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
