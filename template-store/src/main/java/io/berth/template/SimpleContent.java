package io.berth.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of a {@code Simple} template version.
 *
 * @param documents            one or more YAML documents separated by {@code ---} lines, with
 *                             placeholders {@code {{ name }}} / {@code {{ nested.name }}} in values
 * @param parametersSchemaJson JSON Schema (draft 2020-12 unless it says otherwise) of the parameter
 *                             values; {@code null} means no parameters
 * @param defaults             default values of the version, over the schema's own defaults
 * @param hints                per-workload hints (scaling, health)
 */
public record SimpleContent(String documents, String parametersSchemaJson, Map<String, Object> defaults,
                            List<WorkloadHint> hints) {

    public SimpleContent {
        Objects.requireNonNull(documents, "documents");
        parametersSchemaJson = parametersSchemaJson == null ? "{}" : parametersSchemaJson;
        defaults = defaults == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        hints = hints == null ? List.of() : List.copyOf(hints);
    }
}
