package io.berth.kubesim.server;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults a real API server writes into objects the client left them out of, applied on create,
 * update, patch and apply before the object is stored: what kubectl (rollout status, describe) and
 * controllers read back. A field the client gave, even with an unusual value, is never replaced. Only
 * the defaults that matter to clients are simulated: those of apps/v1 StatefulSets, Deployments and
 * ReplicaSets, of pods and pod templates, and of claims.
 */
final class ApiDefaults {

    private ApiDefaults() {
    }

    static void apply(String group, String resource, JsonNode object) {
        if (!(object instanceof ObjectNode node) || !(node.get("spec") instanceof ObjectNode || node.path("spec").isMissingNode())) {
            return; // not an object with a spec we could default: left for the store to judge
        }
        switch (group + "/" + resource) {
            case "apps/statefulsets" -> statefulSet(object(node, "spec"));
            case "apps/deployments" -> deployment(object(node, "spec"));
            case "apps/replicasets" -> replicaSet(object(node, "spec"));
            case "/pods" -> podSpec(object(node, "spec"));
            case "/persistentvolumeclaims" -> claimSpec(object(node, "spec"));
            default -> { }
        }
    }

    private static void statefulSet(ObjectNode spec) {
        putIfAbsent(spec, "replicas", 1);
        putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        ObjectNode strategy = object(spec, "updateStrategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asString())) {
            putIfAbsent(object(strategy, "rollingUpdate"), "partition", 0);
        }
        ObjectNode retention = object(spec, "persistentVolumeClaimRetentionPolicy");
        putIfAbsent(retention, "whenDeleted", "Retain");
        putIfAbsent(retention, "whenScaled", "Retain");
        podTemplate(spec);
        for (JsonNode claim : spec.path("volumeClaimTemplates")) {
            if (claim instanceof ObjectNode claimObject) {
                claimSpec(object(claimObject, "spec"));
            }
        }
    }

    private static void deployment(ObjectNode spec) {
        putIfAbsent(spec, "replicas", 1);
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        putIfAbsent(spec, "progressDeadlineSeconds", 600);
        ObjectNode strategy = object(spec, "strategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asString())) {
            ObjectNode rolling = object(strategy, "rollingUpdate");
            putIfAbsent(rolling, "maxUnavailable", "25%");
            putIfAbsent(rolling, "maxSurge", "25%");
        }
        podTemplate(spec);
    }

    private static void replicaSet(ObjectNode spec) {
        putIfAbsent(spec, "replicas", 1);
        podTemplate(spec);
    }

    private static void podTemplate(ObjectNode workloadSpec) {
        if (workloadSpec.get("template") instanceof ObjectNode template) {
            podSpec(object(template, "spec"));
        }
    }

    private static void podSpec(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode container : spec.path(list)) {
                if (container instanceof ObjectNode containerObject) {
                    container(containerObject);
                }
            }
        }
    }

    private static void container(ObjectNode container) {
        putIfAbsent(container, "imagePullPolicy", pullPolicy(container.path("image").asString("")));
        putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(container, "terminationMessagePolicy", "File");
        if (!container.has("resources")) {
            container.putObject("resources");
        }
        for (JsonNode port : container.path("ports")) {
            if (port instanceof ObjectNode portObject) {
                putIfAbsent(portObject, "protocol", "TCP");
            }
        }
    }

    /** Always for an image without a tag or with the tag latest, IfNotPresent otherwise (a digest included). */
    static String pullPolicy(String image) {
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        if (lastPart.contains("@")) {
            return "IfNotPresent";
        }
        int colon = lastPart.lastIndexOf(':');
        return colon < 0 || lastPart.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
    }

    private static void claimSpec(ObjectNode spec) {
        putIfAbsent(spec, "volumeMode", "Filesystem");
    }

    /** The object under the key, made when absent or null; a value of another type is left alone (a detached node is returned). */
    private static ObjectNode object(ObjectNode parent, String key) {
        JsonNode value = parent.get(key);
        if (value instanceof ObjectNode existing) {
            return existing;
        }
        if (value == null || value.isNull()) {
            return parent.putObject(key);
        }
        return Store.JSON.createObjectNode();
    }

    private static void putIfAbsent(ObjectNode node, String key, String value) {
        if (node.get(key) == null || node.get(key).isNull()) {
            node.put(key, value);
        }
    }

    private static void putIfAbsent(ObjectNode node, String key, int value) {
        if (node.get(key) == null || node.get(key).isNull()) {
            node.put(key, value);
        }
    }
}
