package io.berth.server.timeline;

import tools.jackson.databind.JsonNode;

/**
 * The one line a person reads for an event. Made when the event is read, not stored, so that the
 * wording can improve without touching history.
 */
final class TimelineSummaries {

    private TimelineSummaries() {
    }

    static String of(String type, String cluster, String namespace, JsonNode data) {
        String where = namespace == null ? cluster : cluster + "/" + namespace;
        return switch (type) {
            case "OperationRequested" -> text(data, "operation") + revision(data) + " requested"
                    + (data.hasNonNull("requestedBy") ? " by " + text(data, "requestedBy") : "");
            case "OperationStarted" -> text(data, "operation") + revision(data) + " started";
            case "OperationEnded" -> text(data, "operation") + revision(data) + " " + text(data, "state")
                    + (data.hasNonNull("error") ? ": " + text(data, "error") : "");
            case "Scaled" -> text(data, "workload") + " scaled to " + text(data, "replicas") + " replicas";
            case "StepStarted" -> text(data, "action") + " on " + where + ": attempt " + text(data, "attempt");
            case "StepAttemptFailed" -> text(data, "action") + " on " + where + " failed (attempt " + text(data, "attempt")
                    + "), to be retried: " + text(data, "error");
            case "StepEnded" -> text(data, "action") + " on " + where + " " + text(data, "state")
                    + (data.hasNonNull("error") ? ": " + text(data, "error") : "");
            case "RevisionCreated" -> "Revision " + text(data, "revision") + " (" + text(data, "cause") + "): "
                    + text(data, "templateSet") + " " + text(data, "templateVersion")
                    + (data.hasNonNull("rolledBackTo") ? ", rolled back to revision " + text(data, "rolledBackTo") : "");
            case "HealthChanged", "SyncChanged" -> text(data, "from") + " → " + text(data, "to") + " on " + where
                    + (data.hasNonNull("reason") ? ": " + text(data, "reason") : "")
                    + (data.hasNonNull("error") ? ": " + text(data, "error") : "");
            case "DriftDetected" -> "Drift on " + where + ": " + text(data, "objects") + " object(s) no longer as applied";
            case "DriftResolved" -> "No drift on " + where + " any more";
            case "ClusterLost" -> "Cluster " + cluster + " lost: " + text(data, "to")
                    + (data.hasNonNull("reason") ? " (" + text(data, "reason") + ")" : "");
            case "ClusterRegained" -> "Cluster " + cluster + " is Ready again (was " + text(data, "from") + ")";
            case "ClusterStatusChanged" -> "Cluster " + cluster + ": " + text(data, "from") + " → " + text(data, "to")
                    + (data.hasNonNull("reason") ? " (" + text(data, "reason") + ")" : "");
            case "BackupStarted" -> backup(data) + " of " + text(data, "workload") + " on " + where + " started";
            case "BackupSucceeded" -> backup(data) + " of " + text(data, "workload") + " on " + where + " written to "
                    + text(data, "objectKey") + (data.hasNonNull("revision") ? " (revision " + text(data, "revision") + ")" : "");
            case "BackupFailed" -> backup(data) + " of " + text(data, "workload") + " on " + where + " failed"
                    + (data.hasNonNull("reason") ? ": " + text(data, "reason") : "");
            case "BackupPruned" -> backup(data) + " " + text(data, "objectKey") + " pruned by the operator";
            default -> type;
        };
    }

    private static String backup(JsonNode data) {
        return data.path("scheduled").asBoolean(false) ? "Scheduled backup" : "Backup";
    }

    private static String revision(JsonNode data) {
        return data.hasNonNull("revision") ? " of revision " + text(data, "revision") : "";
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isMissingNode() || value.isNull() ? "?" : value.asString();
    }
}
