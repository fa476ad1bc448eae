package io.berth.cluster;

import java.util.List;

/**
 * A kubeconfig was refused. Carries every problem found, so that a caller can fix them all at once.
 * The message and problems name fields only: no part of the kubeconfig text ever ends up here.
 */
public class InvalidKubeconfigException extends RuntimeException {

    private final transient List<KubeconfigProblem> problems;

    public InvalidKubeconfigException(List<KubeconfigProblem> problems) {
        super("The kubeconfig was refused: " + problems.size() + " problem(s)", null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<KubeconfigProblem> problems() {
        return problems;
    }
}
