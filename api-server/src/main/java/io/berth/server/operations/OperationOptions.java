package io.berth.server.operations;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The options an operation was asked with; stored with it, so a resumed operation behaves the same.
 *
 * @param waitForReady   (JSON {@code wait}) wait for the workloads to become ready after applying
 * @param timeoutSeconds how long to wait per target
 * @param deletePvcs     (Delete) also delete the PersistentVolumeClaims of StatefulSets
 * @param purge          (Delete) forget the application and its revisions once uninstalled
 * @param scale          (Scale) which workload and how many replicas
 */
public record OperationOptions(@JsonProperty("wait") boolean waitForReady, int timeoutSeconds, boolean deletePvcs, boolean purge, ScaleTarget scale) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 300;

    public static OperationOptions apply(boolean wait, Integer timeoutSeconds) {
        return new OperationOptions(wait, timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds, false, false, null);
    }

    public static OperationOptions delete(boolean deletePvcs, boolean purge) {
        return new OperationOptions(false, DEFAULT_TIMEOUT_SECONDS, deletePvcs, purge, null);
    }

    public static OperationOptions scale(ScaleTarget scale, boolean wait, Integer timeoutSeconds) {
        return new OperationOptions(wait, timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds, false, false, scale);
    }

    /**
     * @param workload     {@code Kind/name} of the workload, e.g. {@code StatefulSet/web}
     * @param replicasPath where the count lives when the workload has no {@code /scale} subresource
     */
    public record ScaleTarget(String workload, int replicas, String replicasPath) {
    }
}
