package io.berth.kubesim.server;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A pod's row as {@code kubectl get pods} shows it: READY (ready containers out of all), STATUS (the
 * reason a container waits or ended, else the phase; {@code Init:...} while init containers have not
 * completed; Terminating while being deleted), RESTARTS (with the time since the last one) and AGE,
 * then IP and NODE for {@code -o wide}.
 */
final class PodColumns {

    static final PrinterColumns COLUMNS = new PrinterColumns(List.of(
            new PrinterColumns.Column("Name", "string", "name", "Name of the pod, unique within its namespace.", 0),
            new PrinterColumns.Column("Ready", "string", "", "Ready containers out of all the pod's containers.", 0),
            new PrinterColumns.Column("Status", "string", "", "The aggregate status of the containers in this pod.", 0),
            new PrinterColumns.Column("Restarts", "string", "", "How often the containers restarted, and when the last did.", 0),
            new PrinterColumns.Column("Age", "string", "", "How long ago the pod was created.", 0),
            new PrinterColumns.Column("IP", "string", "", "IP address of the pod.", 1),
            new PrinterColumns.Column("Node", "string", "", "Name of the node the pod runs on.", 1),
            new PrinterColumns.Column("Nominated Node", "string", "", "Node the scheduler nominated for the pod.", 1),
            new PrinterColumns.Column("Readiness Gates", "string", "", "Readiness gates that are true, out of all.", 1)),
            PodColumns::cells);

    private PodColumns() {
    }

    private static List<Object> cells(JsonNode pod, Instant now) {
        JsonNode statuses = pod.path("status").path("containerStatuses");
        int ready = 0;
        int restarts = 0;
        String lastRestart = "";
        for (JsonNode status : statuses) {
            ready += status.path("ready").asBoolean(false) ? 1 : 0;
            restarts += status.path("restartCount").asInt(0);
            String finished = PrinterColumns.text(status, "lastState.terminated.finishedAt");
            lastRestart = finished.compareTo(lastRestart) > 0 ? finished : lastRestart;
        }
        String restartText = restarts > 0 && !lastRestart.isEmpty()
                ? restarts + " (" + PrinterColumns.since(lastRestart, now) + " ago)" : String.valueOf(restarts);
        String ip = PrinterColumns.text(pod, "status.podIP");
        String node = PrinterColumns.text(pod, "spec.nodeName");
        return List.of(PrinterColumns.name(pod), ready + "/" + pod.path("spec").path("containers").size(), status(pod),
                restartText, PrinterColumns.age(pod, now), ip.isEmpty() ? "<none>" : ip, node.isEmpty() ? "<none>" : node,
                "<none>", "<none>");
    }

    /** The STATUS column: what a container waits for or ended with, else the phase. */
    static String status(JsonNode pod) {
        String reason = PrinterColumns.text(pod, "status.reason");
        if (reason.isEmpty()) {
            reason = PrinterColumns.text(pod, "status.phase");
        }
        if (reason.isEmpty()) {
            reason = "Pending";
        }
        String initializing = initStatus(pod);
        JsonNode statuses = initializing != null ? Store.JSON.createArrayNode() : pod.path("status").path("containerStatuses");
        if (initializing != null) {
            reason = initializing;
        }
        for (int i = statuses.size() - 1; i >= 0; i--) {
            JsonNode state = statuses.get(i).path("state");
            String waiting = PrinterColumns.text(state, "waiting.reason");
            String terminated = PrinterColumns.text(state, "terminated.reason");
            if (!waiting.isEmpty()) {
                reason = waiting;
            } else if (!terminated.isEmpty()) {
                reason = terminated;
            } else if (state.has("terminated")) {
                reason = "ExitCode:" + state.path("terminated").path("exitCode").asInt();
            }
        }
        if (!PrinterColumns.text(pod, "metadata.deletionTimestamp").isEmpty()) {
            reason = "Terminating";
        }
        return reason;
    }

    /**
     * While an init container has not completed, kubectl shows {@code Init:<reason>} (Init:Error for one
     * that failed) or {@code Init:<completed>/<all>}; null once they all completed.
     */
    private static String initStatus(JsonNode pod) {
        JsonNode statuses = pod.path("status").path("initContainerStatuses");
        int all = pod.path("spec").path("initContainers").size();
        for (int i = 0; i < statuses.size(); i++) {
            JsonNode state = statuses.get(i).path("state");
            if (state.has("terminated") && state.path("terminated").path("exitCode").asInt() == 0) {
                continue;
            }
            if (state.has("terminated")) {
                String terminated = PrinterColumns.text(state, "terminated.reason");
                return terminated.isEmpty() ? "Init:ExitCode:" + state.path("terminated").path("exitCode").asInt() : "Init:" + terminated;
            }
            String waiting = PrinterColumns.text(state, "waiting.reason");
            if (!waiting.isEmpty() && !waiting.equals("PodInitializing")) {
                return "Init:" + waiting;
            }
            return "Init:" + i + "/" + all;
        }
        return null;
    }
}
