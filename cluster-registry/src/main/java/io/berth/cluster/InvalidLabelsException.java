package io.berth.cluster;

import java.util.Map;

/** Labels that break the Kubernetes rules for keys and values. */
public class InvalidLabelsException extends RuntimeException {

    private final transient Map<String, String> problemsByKey;

    public InvalidLabelsException(Map<String, String> problemsByKey) {
        super("Invalid labels: " + problemsByKey.keySet(), null, false, false);
        this.problemsByKey = Map.copyOf(problemsByKey);
    }

    /** Label key → what is wrong with it or its value. */
    public Map<String, String> problemsByKey() {
        return problemsByKey;
    }
}
