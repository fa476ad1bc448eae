package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list as a real server answers it, read from the store once: the label selector (set-based
 * requirements too) and the field selector (any field) applied here, since fabric8's store ignores
 * set-based requirements and most field selectors (such as {@code involvedObject.name}, which kubectl
 * describe uses); typed and sorted ({@link ListShape}); a Table when the client asks for one.
 */
final class Lists {

    private final Store store;
    private final Discovery discovery;
    private final TableView tables;

    Lists(Store store, Discovery discovery, TableView tables) {
        this.store = store;
        this.discovery = discovery;
        this.tables = tables;
    }

    MockResponse list(ApiPath path, RecordedRequest request) {
        Map<String, String> query = new LinkedHashMap<>(path.query());
        String labels = query.remove("labelSelector");
        SelectorFilter selector = SelectorFilter.parse(labels == null ? "" : labels);
        FieldSelector fields;
        try {
            fields = FieldSelector.parse(query.remove("fieldSelector"));
        } catch (IllegalArgumentException e) {
            return Responses.status(400, "BadRequest", e.getMessage());
        }
        Store.Reply all = store.get(path.withQuery(query));
        if (!all.ok() || !(all.json() instanceof ObjectNode list) || !(list.get("items") instanceof ArrayNode items)) {
            return all.toResponse();
        }
        if (labels != null || !fields.terms().isEmpty()) {
            ArrayNode kept = Store.JSON.createArrayNode();
            for (JsonNode item : items) {
                if (selector.matches(item.path("metadata").path("labels")) && fields.matches(item)) {
                    kept.add(item);
                }
            }
            list.set("items", kept);
        }
        Discovery.Resource resource = discovery.find(path.group(), path.resource());
        if (resource != null) {
            ListShape.apply(list, path.apiVersion(), resource.kind());
        }
        return Responses.json(200, (TableView.wanted(request) ? tables.of(path, list) : list).toString());
    }
}
