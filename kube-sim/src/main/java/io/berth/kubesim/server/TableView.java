package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server-side Table ({@code meta.k8s.io/v1}) that kubectl asks for with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}: columns from {@link PrinterColumns},
 * one row per object, each row with the object's metadata ({@code includeObject=Metadata}, the
 * default), the whole object ({@code Object}) or nothing ({@code None}). Lists, single objects and
 * watch events are all turned into Tables.
 */
final class TableView {

    private final Store store;

    TableView(Store store) {
        this.store = store;
    }

    static boolean wanted(RecordedRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
    }

    /** A list or a single object, as a Table. */
    ObjectNode of(ApiPath path, JsonNode body) {
        PrinterColumns columns = columnsFor(path);
        ObjectNode table = newTable(columns, body.path("metadata").path("resourceVersion").asString(""));
        String include = path.query().getOrDefault("includeObject", "Metadata");
        Instant now = Instant.now();
        if (body.has("items")) {
            body.path("items").forEach(item -> table.withArray("rows").add(row(columns, item, include, now)));
        } else {
            table.withArray("rows").add(row(columns, body, include, now));
        }
        return table;
    }

    /** What a watch event carries instead of the object: a Table of one row; only the first one defines the columns. */
    UnaryOperator<JsonNode> forWatch(ApiPath path) {
        PrinterColumns columns = columnsFor(path);
        String include = path.query().getOrDefault("includeObject", "Metadata");
        AtomicBoolean first = new AtomicBoolean(true);
        return object -> {
            ObjectNode table = newTable(columns, object.path("metadata").path("resourceVersion").asString(""));
            if (!first.getAndSet(false)) {
                table.putArray("columnDefinitions");
            }
            table.withArray("rows").add(row(columns, object, include, Instant.now()));
            return table;
        };
    }

    private PrinterColumns columnsFor(ApiPath path) {
        JsonNode crdVersion = null;
        if (!Discovery.isBuiltIn(path.group(), path.resource())) {
            JsonNode crd = store.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + path.resource() + "." + path.group()).json();
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("name").asString().equals(path.version())) {
                    crdVersion = version;
                }
            }
        }
        return PrinterColumns.forResource(path.group(), path.resource(), crdVersion);
    }

    private static ObjectNode newTable(PrinterColumns columns, String resourceVersion) {
        ObjectNode table = Store.JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", resourceVersion);
        table.set("columnDefinitions", columns.definitions());
        table.putArray("rows");
        return table;
    }

    private static ObjectNode row(PrinterColumns columns, JsonNode object, String include, Instant now) {
        ObjectNode row = columns.row(object, now);
        switch (include) {
            case "None" -> { }
            case "Object" -> row.set("object", object);
            default -> {
                ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", object.path("metadata"));
            }
        }
        return row;
    }
}
