package io.berth.kubesim.server;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The columns {@code kubectl get} shows for a kind and how each object fills them, as a real API
 * server's table printers make them: pods (READY, STATUS, RESTARTS, AGE...), StatefulSets,
 * Deployments, Events, and custom resources from their CRD's {@code additionalPrinterColumns}; any
 * other kind gets NAME and AGE.
 *
 * @param cells the cells of one object's row, given the time now
 */
record PrinterColumns(List<Column> columns, BiFunction<JsonNode, Instant, List<Object>> cells) {

    /** A column definition as meta.k8s.io/v1 Table carries it. */
    record Column(String name, String type, String format, String description, int priority) {

        ObjectNode toJson() {
            return Store.JSON.createObjectNode().put("name", name).put("type", type).put("format", format)
                    .put("description", description).put("priority", priority);
        }
    }

    private static final Column NAME = new Column("Name", "string", "name", "Name of the object, unique within its namespace.", 0);
    private static final Column AGE = new Column("Age", "string", "", "How long ago the object was created (metadata.creationTimestamp).", 0);

    static PrinterColumns forResource(String group, String resource, JsonNode crdVersion) {
        return switch (group + "/" + resource) {
            case "/pods" -> PodColumns.COLUMNS;
            case "apps/statefulsets" -> statefulSets();
            case "apps/deployments" -> deployments();
            case "/events" -> events();
            default -> crdVersion != null && crdVersion.path("additionalPrinterColumns").isArray()
                    && !crdVersion.path("additionalPrinterColumns").isEmpty() ? custom(crdVersion.path("additionalPrinterColumns")) : nameAndAge();
        };
    }

    static PrinterColumns nameAndAge() {
        return new PrinterColumns(List.of(NAME, AGE), (o, now) -> List.of(name(o), age(o, now)));
    }

    private static PrinterColumns statefulSets() {
        return new PrinterColumns(List.of(NAME,
                new Column("Ready", "string", "", "Ready replicas out of the desired replicas.", 0), AGE,
                new Column("Containers", "string", "", "Names of each container in the template.", 1),
                new Column("Images", "string", "", "Images referenced by each container in the template.", 1)),
                (o, now) -> List.of(name(o), number(o, "status.readyReplicas") + "/" + number(o, "spec.replicas"), age(o, now),
                        containers(o, "name"), containers(o, "image")));
    }

    private static PrinterColumns deployments() {
        return new PrinterColumns(List.of(NAME,
                new Column("Ready", "string", "", "Ready replicas out of the desired replicas.", 0),
                new Column("Up-to-date", "integer", "", "Replicas updated to the template.", 0),
                new Column("Available", "integer", "", "Replicas available to users.", 0), AGE,
                new Column("Containers", "string", "", "Names of each container in the template.", 1),
                new Column("Images", "string", "", "Images referenced by each container in the template.", 1),
                new Column("Selector", "string", "", "Label selector of the pods.", 1)),
                (o, now) -> List.of(name(o), number(o, "status.readyReplicas") + "/" + number(o, "spec.replicas"),
                        number(o, "status.updatedReplicas"), number(o, "status.availableReplicas"), age(o, now),
                        containers(o, "name"), containers(o, "image"), matchLabels(o.path("spec").path("selector").path("matchLabels"))));
    }

    private static PrinterColumns events() {
        return new PrinterColumns(List.of(
                new Column("Last Seen", "string", "", "Time since the event was last seen.", 0),
                new Column("Type", "string", "", "Type of the event (Normal, Warning).", 0),
                new Column("Reason", "string", "", "Why the event was recorded.", 0),
                new Column("Object", "string", "", "The object the event is about.", 0),
                new Column("Subobject", "string", "", "The part of the object the event is about.", 1),
                new Column("Source", "string", "", "Who recorded the event.", 1),
                new Column("Message", "string", "", "What happened.", 0),
                new Column("First Seen", "string", "", "Time since the event was first seen.", 1),
                new Column("Count", "string", "", "How often the event happened.", 1),
                new Column("Name", "string", "name", "Name of the Event.", 1)),
                (o, now) -> List.of(since(text(o, "lastTimestamp"), now), text(o, "type"), text(o, "reason"),
                        text(o, "involvedObject.kind").toLowerCase(java.util.Locale.ROOT) + "/" + text(o, "involvedObject.name"),
                        text(o, "involvedObject.fieldPath"), source(o), text(o, "message"), since(text(o, "firstTimestamp"), now),
                        String.valueOf(o.path("count").asInt(1)), name(o)));
    }

    /** A CRD's printer columns; their JSON paths are read as plain dotted paths ({@code .status.phase}). */
    private static PrinterColumns custom(JsonNode printerColumns) {
        List<Column> columns = new ArrayList<>(List.of(NAME));
        List<String> paths = new ArrayList<>();
        for (JsonNode column : printerColumns) {
            columns.add(new Column(column.path("name").asString(), column.path("type").asString("string"),
                    column.path("format").asString(""), column.path("description").asString(""), column.path("priority").asInt(0)));
            paths.add(column.path("jsonPath").asString("").replaceFirst("^\\.", ""));
        }
        return new PrinterColumns(columns, (o, now) -> {
            List<Object> cells = new ArrayList<>(List.of(name(o)));
            for (String path : paths) {
                JsonNode value = at(o, path);
                cells.add(value.isMissingNode() || value.isNull() ? null : value.isNumber() ? value.numberValue()
                        : value.isBoolean() ? value.booleanValue() : value.isValueNode() ? value.asString() : value.toString());
            }
            return cells;
        });
    }

    ObjectNode row(JsonNode object, Instant now) {
        ObjectNode row = Store.JSON.createObjectNode();
        ArrayNode cells = row.putArray("cells");
        for (Object cell : this.cells.apply(object, now)) {
            cells.add(Store.JSON.valueToTree(cell));
        }
        return row;
    }

    ArrayNode definitions() {
        ArrayNode definitions = Store.JSON.createArrayNode();
        columns.forEach(c -> definitions.add(c.toJson()));
        return definitions;
    }

    static String name(JsonNode object) {
        return text(object, "metadata.name");
    }

    static String age(JsonNode object, Instant now) {
        return since(text(object, "metadata.creationTimestamp"), now);
    }

    /** The time since an RFC 3339 timestamp, as kubectl prints it ({@code <unknown>} when there is none). */
    static String since(String timestamp, Instant now) {
        if (timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return HumanDuration.of(Duration.between(Instant.parse(timestamp), now));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    static String text(JsonNode object, String dotted) {
        JsonNode value = at(object, dotted);
        return value.isValueNode() ? value.asString() : "";
    }

    static JsonNode at(JsonNode object, String dotted) {
        JsonNode node = object;
        for (String part : dotted.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static int number(JsonNode object, String dotted) {
        return at(object, dotted).asInt(0);
    }

    private static String containers(JsonNode workload, String field) {
        List<String> values = new ArrayList<>();
        workload.path("spec").path("template").path("spec").path("containers").forEach(c -> values.add(c.path(field).asString("")));
        return String.join(",", values);
    }

    private static String matchLabels(JsonNode labels) {
        List<String> pairs = new ArrayList<>();
        labels.properties().forEach(e -> pairs.add(e.getKey() + "=" + e.getValue().asString()));
        return pairs.isEmpty() ? "<none>" : String.join(",", pairs);
    }

    private static String source(JsonNode event) {
        String component = text(event, "source.component");
        String host = text(event, "source.host");
        return host.isEmpty() ? component : component + ", " + host;
    }
}
