package io.berth.engine.health;

import java.util.List;

/**
 * Workloads did not become ready in time, or one of them failed. {@link #notReady()} lists each
 * workload that is not ready with the reason, e.g. {@code StatefulSet/web: 1 of 3 replicas ready}.
 */
public class NotReadyException extends RuntimeException {

    private final List<String> notReady;

    public NotReadyException(String message, List<String> notReady) {
        super(message + ": " + String.join("; ", notReady));
        this.notReady = List.copyOf(notReady);
    }

    public List<String> notReady() {
        return notReady;
    }
}
