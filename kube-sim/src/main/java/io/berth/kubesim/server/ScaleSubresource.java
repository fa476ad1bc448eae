package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /scale} subresource: for StatefulSets, Deployments and ReplicaSets it reads and writes
 * {@code spec.replicas}; for a custom resource, the paths its CRD declares under
 * {@code subresources.scale} (for example {@code .spec.size}). A CRD without a scale subresource gives 404.
 */
final class ScaleSubresource {

    private final Store store;

    ScaleSubresource(Store store) {
        this.store = store;
    }

    MockResponse handle(ApiPath path, RecordedRequest request) {
        ScalePaths paths = pathsFor(path);
        if (paths == null) {
            return Responses.status(404, "NotFound", path.resource() + " has no scale subresource");
        }
        Store.Reply current = store.get(path.objectPath());
        if (!current.ok()) {
            return current.toResponse();
        }
        ObjectNode object = (ObjectNode) current.json();
        if (request.getMethod().equals("GET")) {
            return Responses.json(200, scaleOf(object, paths));
        }
        Integer replicas = requestedReplicas(Store.text(request.getBody()));
        if (replicas == null || replicas < 0) {
            return Responses.status(422, "Invalid", "spec.replicas must be a number of at least 0");
        }
        set(object, paths.spec(), replicas);
        Store.Reply saved = store.put(path.objectPath(), object);
        return saved.ok() ? Responses.json(200, scaleOf((ObjectNode) saved.json(), paths)) : saved.toResponse();
    }

    /** Where replicas live, as dotted paths without the leading dot. */
    record ScalePaths(String spec, String status, String selector) {
    }

    private ScalePaths pathsFor(ApiPath path) {
        if (Discovery.isBuiltIn(path.group(), path.resource())) {
            return switch (path.resource()) {
                case "statefulsets", "deployments", "replicasets" -> new ScalePaths("spec.replicas", "status.replicas", null);
                default -> null;
            };
        }
        JsonNode crd = store.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + path.resource() + "." + path.group()).json();
        for (JsonNode version : crd.path("spec").path("versions")) {
            JsonNode scale = version.path("subresources").path("scale");
            if (version.path("name").asString().equals(path.version()) && scale.isObject()) {
                return new ScalePaths(strip(scale.path("specReplicasPath").asString()), strip(scale.path("statusReplicasPath").asString()),
                        scale.has("labelSelectorPath") ? strip(scale.path("labelSelectorPath").asString()) : null);
            }
        }
        return null;
    }

    private static ObjectNode scaleOf(ObjectNode object, ScalePaths paths) {
        ObjectNode scale = Store.JSON.createObjectNode().put("apiVersion", "autoscaling/v1").put("kind", "Scale");
        JsonNode metadata = object.path("metadata");
        scale.putObject("metadata").put("name", metadata.path("name").asString())
                .put("namespace", metadata.path("namespace").asString())
                .put("resourceVersion", metadata.path("resourceVersion").asString())
                .put("uid", metadata.path("uid").asString());
        scale.putObject("spec").put("replicas", get(object, paths.spec()).asInt(0));
        ObjectNode status = scale.putObject("status").put("replicas", get(object, paths.status()).asInt(0));
        String selector = paths.selector() != null ? get(object, paths.selector()).asString("")
                : matchLabelsText(object.path("spec").path("selector").path("matchLabels"));
        if (!selector.isEmpty()) {
            status.put("selector", selector);
        }
        return scale;
    }

    /** Replicas from a Scale (PUT), a merge patch ({"spec":{"replicas":5}}) or a JSON patch. */
    private static Integer requestedReplicas(String body) {
        JsonNode json = Store.JSON.readTree(body);
        if (json.isArray()) {
            for (JsonNode op : json) {
                if (op.path("path").asString().equals("/spec/replicas")) {
                    return op.path("value").asInt();
                }
            }
            return null;
        }
        JsonNode replicas = json.path("spec").path("replicas");
        return replicas.isNumber() ? replicas.asInt() : null;
    }

    private static String matchLabelsText(JsonNode matchLabels) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, JsonNode> label : matchLabels.properties()) {
            out.append(out.isEmpty() ? "" : ",").append(label.getKey()).append('=').append(label.getValue().asString());
        }
        return out.toString();
    }

    private static String strip(String dotted) {
        return dotted.startsWith(".") ? dotted.substring(1) : dotted;
    }

    static JsonNode get(JsonNode object, String dotted) {
        JsonNode node = object;
        for (String part : dotted.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    static void set(ObjectNode object, String dotted, int value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = object;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.withObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }
}
