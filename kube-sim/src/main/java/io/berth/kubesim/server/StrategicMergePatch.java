package io.berth.kubesim.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A strategic merge patch, as kubectl sends with {@code apply}, {@code edit}, {@code patch} and
 * {@code rollout restart}: a merge patch in which the lists the Kubernetes types mark with a merge key
 * (containers by name, ports by port, conditions by type...) merge element by element instead of being
 * replaced, with the {@code $patch} (replace, delete), {@code $retainKeys} and
 * {@code $deleteFromPrimitiveList} directives.
 *
 * <p>Simplified against a real server: the merge keys come from the field's name, not from the schema of
 * the kind (the table below covers the built-in lists that have one); {@code $setElementOrder} is
 * accepted and ignored (merged lists keep the live order, new elements go last).
 */
final class StrategicMergePatch {

    /** List field → the key its elements merge on; ports use containerPort in pods and port in services. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"), Map.entry("ephemeralContainers", "name"),
            Map.entry("env", "name"), Map.entry("volumes", "name"), Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"), Map.entry("imagePullSecrets", "name"), Map.entry("hostAliases", "ip"),
            Map.entry("topologySpreadConstraints", "topologyKey"), Map.entry("resourceClaims", "name"),
            Map.entry("schedulingGates", "name"), Map.entry("conditions", "type"), Map.entry("ownerReferences", "uid"),
            Map.entry("secrets", "name"), Map.entry("ports", "port"));
    /** Lists of plain values whose patch strategy is merge: the patch's values are added to the live ones. */
    private static final Set<String> MERGED_VALUE_LISTS = Set.of("finalizers");
    private static final String DIRECTIVE = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_FROM = "$deleteFromPrimitiveList/";
    private static final String ELEMENT_ORDER = "$setElementOrder/";

    private StrategicMergePatch() {
    }

    static JsonNode apply(ObjectNode target, JsonNode patch) {
        if (!(patch instanceof ObjectNode patchObject)) {
            throw new IllegalArgumentException("a strategic merge patch must be an object");
        }
        return mergeObject(target, patchObject);
    }

    private static JsonNode mergeObject(ObjectNode live, ObjectNode patch) {
        String directive = patch.path(DIRECTIVE).asString("");
        if (directive.equals("replace")) {
            ObjectNode replacement = patch.deepCopy();
            replacement.remove(DIRECTIVE);
            return replacement;
        }
        if (directive.equals("delete")) {
            return null;
        }
        for (var field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith(DELETE_FROM)) {
                removeValues(live, key.substring(DELETE_FROM.length()), value);
            } else if (!key.startsWith("$")) {
                setMerged(live, key, value);
            }
        }
        if (patch.get(RETAIN_KEYS) instanceof ArrayNode retained) {
            Set<String> keep = new HashSet<>();
            retained.forEach(k -> keep.add(k.asString()));
            new ArrayList<>(live.propertyNames()).stream().filter(k -> !keep.contains(k)).forEach(live::remove);
        }
        return live;
    }

    private static void setMerged(ObjectNode live, String key, JsonNode value) {
        JsonNode current = live.get(key);
        JsonNode merged;
        if (value.isNull()) {
            merged = null;
        } else if (value instanceof ObjectNode patchObject && current instanceof ObjectNode liveObject) {
            merged = mergeObject(liveObject, patchObject);
        } else if (value instanceof ObjectNode patchObject) {
            merged = mergeObject(Store.JSON.createObjectNode(), patchObject);
        } else if (value instanceof ArrayNode patchList && current instanceof ArrayNode liveList) {
            merged = mergeList(key, liveList, patchList);
        } else if (value instanceof ArrayNode patchList) {
            merged = mergeList(key, Store.JSON.createArrayNode(), patchList);
        } else {
            merged = value;
        }
        if (merged == null) {
            live.remove(key);
        } else {
            live.set(key, merged);
        }
    }

    private static ArrayNode mergeList(String field, ArrayNode live, ArrayNode patch) {
        boolean replace = false;
        ArrayNode elements = Store.JSON.createArrayNode();
        for (JsonNode element : patch) {
            if (element.isObject() && element.size() == 1 && "replace".equals(element.path(DIRECTIVE).asString(""))) {
                replace = true;
            } else {
                elements.add(element);
            }
        }
        if (MERGED_VALUE_LISTS.contains(field) && !replace) {
            ArrayNode union = live.deepCopy();
            elements.forEach(v -> {
                if (!contains(union, v)) {
                    union.add(v);
                }
            });
            return union;
        }
        String mergeKey = mergeKey(field, live, elements);
        if (mergeKey == null || replace) {
            return withoutDirectives(elements);
        }
        ArrayNode merged = live.deepCopy();
        for (JsonNode element : elements) {
            int at = indexOf(merged, mergeKey, element.get(mergeKey));
            if ("delete".equals(element.path(DIRECTIVE).asString(""))) {
                if (at >= 0) {
                    merged.remove(at);
                }
            } else if (at >= 0 && merged.get(at) instanceof ObjectNode liveElement) {
                merged.set(at, mergeObject(liveElement, (ObjectNode) element));
            } else {
                merged.add(mergeObject(Store.JSON.createObjectNode(), (ObjectNode) element));
            }
        }
        return merged;
    }

    /** The merge key when the field has one and every element is an object; containerPort for a pod's ports. */
    private static String mergeKey(String field, ArrayNode live, ArrayNode patch) {
        String key = MERGE_KEYS.get(field);
        if (key == null) {
            return null;
        }
        List<JsonNode> all = new ArrayList<>();
        live.forEach(all::add);
        patch.forEach(all::add);
        if (!all.stream().allMatch(JsonNode::isObject)) {
            return null;
        }
        if (field.equals("ports") && all.stream().anyMatch(e -> e.has("containerPort"))) {
            return "containerPort";
        }
        return key;
    }

    private static ArrayNode withoutDirectives(ArrayNode elements) {
        ArrayNode out = Store.JSON.createArrayNode();
        for (JsonNode element : elements) {
            if (element instanceof ObjectNode object) {
                ObjectNode copy = object.deepCopy();
                copy.remove(DIRECTIVE);
                out.add(copy);
            } else {
                out.add(element);
            }
        }
        return out;
    }

    private static void removeValues(ObjectNode live, String field, JsonNode values) {
        if (live.get(field) instanceof ArrayNode list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (contains(values, list.get(i))) {
                    list.remove(i);
                }
            }
        }
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value != null && value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode element : list) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
