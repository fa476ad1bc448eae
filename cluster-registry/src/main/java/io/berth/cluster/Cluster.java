package io.berth.cluster;

import java.time.Instant;
import java.util.Map;

/**
 * A registered cluster as callers see it. Holds no credential material: the kubeconfig never leaves
 * the registry.
 *
 * @param allowInsecureTls whether the credentials were supplied with {@code allowInsecureTls}
 * @param allowProxy       whether the credentials were supplied with {@code allowProxy}: only then does Berth
 *                         connect through the kubeconfig's {@code proxy-url}
 * @param version          optimistic-lock version of the user-editable fields (the API's ETag)
 */
public record Cluster(
        String name,
        String displayName,
        String description,
        Map<String, String> labels,
        String apiServerUrl,
        String context,
        boolean allowInsecureTls,
        boolean allowProxy,
        ClusterStatus status,
        String statusReason,
        Instant lastProbeAt,
        Instant lastReadyAt,
        String serverVersion,
        Integer nodeCount,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        long version) {
}
