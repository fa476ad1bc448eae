package io.berth.template;

import java.util.List;

/** A template could not be rendered; {@link #problems()} lists every reason, not only the first. */
public class RenderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<TemplateProblem> problems;

    public RenderException(List<TemplateProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<TemplateProblem> problems() {
        return problems;
    }

    private static String summary(List<TemplateProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a render failure needs at least one problem");
        }
        String first = problems.get(0).toString();
        return problems.size() == 1
                ? "template cannot be rendered: " + first
                : "template cannot be rendered: " + first + " (and " + (problems.size() - 1) + " more)";
    }
}
