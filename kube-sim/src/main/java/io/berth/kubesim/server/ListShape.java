package io.berth.kubesim.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list answered as a real server answers it: typed ({@code PodList}, {@code EventList}... where
 * fabric8's store says {@code List}, which Go clients cannot decode into their list types: kubectl
 * describe found no events) and sorted by namespace and name, the order of etcd's keys.
 */
final class ListShape {

    private static final Comparator<JsonNode> BY_KEY = Comparator
            .comparing((JsonNode item) -> item.path("metadata").path("namespace").asString(""))
            .thenComparing(item -> item.path("metadata").path("name").asString(""));

    private ListShape() {
    }

    static void apply(ObjectNode list, String apiVersion, String kind) {
        list.put("apiVersion", apiVersion).put("kind", kind + "List");
        if (list.get("items") instanceof ArrayNode items) {
            List<JsonNode> sorted = new ArrayList<>();
            items.forEach(sorted::add);
            sorted.sort(BY_KEY);
            items.removeAll();
            sorted.forEach(items::add);
        }
    }
}
