package io.berth.template.internal.store;

import io.berth.template.WorkloadHint;
import io.berth.template.internal.json.Mappers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * The JSON texts of a version's defaults and hints in their columns. Reading gives back values equal
 * to the ones written (same types, same key order), so the digest of stored content is the digest
 * computed at publish time.
 */
final class ContentColumns {

    private static final TypeReference<LinkedHashMap<String, Object>> DEFAULTS = new TypeReference<>() {
    };
    private static final TypeReference<List<WorkloadHint>> HINTS = new TypeReference<>() {
    };

    private ContentColumns() {
    }

    static String writeDefaults(Map<String, Object> defaults) {
        return Mappers.json().writeValueAsString(defaults);
    }

    static Map<String, Object> readDefaults(String json) {
        return json == null ? Map.of() : Mappers.json().readValue(json, DEFAULTS);
    }

    static String writeHints(List<WorkloadHint> hints) {
        return Mappers.json().writeValueAsString(hints);
    }

    static List<WorkloadHint> readHints(String json) {
        return json == null ? List.of() : Mappers.json().readValue(json, HINTS);
    }
}
