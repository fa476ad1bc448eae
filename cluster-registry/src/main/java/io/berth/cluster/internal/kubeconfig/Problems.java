package io.berth.cluster.internal.kubeconfig;

import io.berth.cluster.InvalidKubeconfigException;
import io.berth.cluster.KubeconfigProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one validation run, so the caller learns about all of them at once.
 * One instance per {@code validate} call; not shared between threads.
 */
final class Problems {

    private final List<KubeconfigProblem> found = new ArrayList<>();

    void add(String field, String message) {
        found.add(new KubeconfigProblem(field, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    InvalidKubeconfigException exception() {
        return new InvalidKubeconfigException(found);
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw exception();
        }
    }

    static String notAKubeconfig(String why) {
        return "not a kubeconfig: " + why;
    }
}
