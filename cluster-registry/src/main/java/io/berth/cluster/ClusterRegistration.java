package io.berth.cluster;

import java.util.Map;

/**
 * A request to register a cluster. {@link #toString()} leaves the kubeconfig out.
 *
 * @param allowInsecureTls accept an {@code http} server and {@code insecure-skip-tls-verify: true}
 * @param allowProxy       accept a {@code proxy-url} in the cluster entry: Berth then connects through that proxy
 */
public record ClusterRegistration(
        String name,
        String displayName,
        String description,
        Map<String, String> labels,
        String kubeconfig,
        String context,
        boolean allowInsecureTls,
        boolean allowProxy,
        String createdBy) {

    @Override
    public String toString() {
        return "ClusterRegistration[name=" + name + ", context=" + context + ", allowInsecureTls=" + allowInsecureTls
                + ", allowProxy=" + allowProxy + "]";
    }
}
