package io.berth.server.operations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * The options an operation was asked with; stored with it, so a resumed operation behaves the same.
 *
 * @param waitForReady   (JSON {@code wait}) wait for the workloads to become ready after applying
 * @param timeoutSeconds how long to wait per target
 * @param deletePvcs     (Delete) also delete the PersistentVolumeClaims of StatefulSets
 * @param purge          (Delete) forget the application and its revisions once uninstalled
 * @param scale          (Scale) which workload and how many replicas
 * @param data           (Backup, Restore, Schedule) where to back up to, which backup to restore, the schedule
 */
public record OperationOptions(@JsonProperty("wait") boolean waitForReady, int timeoutSeconds, boolean deletePvcs, boolean purge,
                               ScaleTarget scale, @JsonInclude(JsonInclude.Include.NON_NULL) DataOptions data) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 300;

    public static OperationOptions apply(boolean wait, Integer timeoutSeconds) {
        return new OperationOptions(wait, timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds, false, false, null, null);
    }

    public static OperationOptions delete(boolean deletePvcs, boolean purge) {
        return new OperationOptions(false, DEFAULT_TIMEOUT_SECONDS, deletePvcs, purge, null, null);
    }

    public static OperationOptions scale(ScaleTarget scale, boolean wait, Integer timeoutSeconds) {
        return new OperationOptions(wait, timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds, false, false, scale, null);
    }

    /** An operation on the application's data: it waits for the operator's outcome, within {@code timeoutSeconds}. */
    public static OperationOptions data(DataOptions data, Integer timeoutSeconds) {
        return new OperationOptions(true, timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds, false, false, null, data);
    }

    /**
     * @param location        (Backup, Schedule) the backup location's name
     * @param backup          (Restore) the backup to restore
     * @param objectKey       (Restore) that backup's object, as it was when the restore was asked
     * @param intervalSeconds (Schedule) how often; null with {@code unschedule}
     * @param maxBackups      (Schedule) how many backups the operator keeps per target (0: all)
     * @param unschedule      (Schedule) remove the schedule
     */
    public record DataOptions(String location, UUID backup, String objectKey, Integer intervalSeconds,
                              Integer maxBackups, boolean unschedule) {
    }

    /**
     * @param workload     {@code Kind/name} of the workload, e.g. {@code StatefulSet/web}
     * @param replicasPath where the count lives when the workload has no {@code /scale} subresource
     */
    public record ScaleTarget(String workload, int replicas, String replicasPath) {
    }
}
