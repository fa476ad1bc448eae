package io.berth.cluster;

import java.util.Map;

/** A request to register a cluster. {@link #toString()} leaves the kubeconfig out. */
public record ClusterRegistration(
        String name,
        String displayName,
        String description,
        Map<String, String> labels,
        String kubeconfig,
        String context,
        boolean allowInsecureTls,
        String createdBy) {

    @Override
    public String toString() {
        return "ClusterRegistration[name=" + name + ", context=" + context + ", allowInsecureTls=" + allowInsecureTls + "]";
    }
}
