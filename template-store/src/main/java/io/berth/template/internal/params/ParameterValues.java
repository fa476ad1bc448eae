package io.berth.template.internal.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.berth.template.BuiltIns;
import io.berth.template.TemplateProblem;
import io.berth.template.internal.json.CanonicalJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The values of one render: schema defaults, then the version's defaults, then the supplied values,
 * merged deeply with keys sorted, validated against the schema, and looked up by placeholder name
 * together with the built-ins.
 */
public final class ParameterValues implements ValueSource {

    private final ParameterSchema schema;
    private final ObjectNode merged;
    private final BuiltIns builtIns;

    private ParameterValues(ParameterSchema schema, ObjectNode merged, BuiltIns builtIns) {
        this.schema = schema;
        this.merged = merged;
        this.builtIns = builtIns;
    }

    /** Merges and validates; every problem found is added to {@code problems}. */
    public static ParameterValues resolve(ParameterSchema schema, Map<String, Object> versionDefaults,
                                          Map<String, Object> supplied, BuiltIns builtIns,
                                          List<TemplateProblem> problems) {
        List<TemplateProblem> found = new ArrayList<>();
        refuseReserved(versionDefaults, "default value: ", found);
        refuseReserved(supplied, "", found);
        ObjectNode merged = ValueMerge.merge(schema.defaults(), CanonicalJson.sortedTree(versionDefaults));
        merged = (ObjectNode) CanonicalJson.sorted(ValueMerge.merge(merged, CanonicalJson.sortedTree(supplied)));
        merged.remove(BuiltInParameters.RESERVED);
        found.addAll(schema.validate(merged, false, ""));
        problems.addAll(found);
        return new ParameterValues(schema, merged, builtIns);
    }

    private static void refuseReserved(Map<String, Object> values, String prefix, List<TemplateProblem> problems) {
        if (values != null && values.containsKey(BuiltInParameters.RESERVED)) {
            problems.add(TemplateProblem.at("$.berth",
                    prefix + "berth is reserved for built-in parameters and cannot be given a value"));
        }
    }

    /**
     * Problems of a version's defaults on their own: the reserved name, and schema violations other
     * than missing required values (those come with the values of a deployment).
     */
    public static List<TemplateProblem> checkDefaults(ParameterSchema schema, Map<String, Object> versionDefaults) {
        List<TemplateProblem> problems = new ArrayList<>();
        refuseReserved(versionDefaults, "default value: ", problems);
        ObjectNode merged = ValueMerge.merge(schema.defaults(), CanonicalJson.sortedTree(versionDefaults));
        merged.remove(BuiltInParameters.RESERVED);
        problems.addAll(schema.validate(merged, true, "default value: "));
        return problems;
    }

    /** The merged values, built-ins excluded. */
    public ObjectNode merged() {
        return merged.deepCopy();
    }

    @Override
    public Lookup lookup(String name) {
        if (BuiltInParameters.isReserved(name)) {
            if (!BuiltInParameters.isBuiltInName(name) && !BuiltInParameters.isBackupName(name)) {
                return Lookup.unknown();
            }
            return BuiltInParameters.valueOf(name, builtIns).map(v -> Lookup.value(v, false)).orElse(Lookup.missing());
        }
        if (!schema.declares(name)) {
            return Lookup.unknown();
        }
        JsonNode current = merged;
        for (String segment : name.split("\\.", -1)) {
            current = current.get(segment);
            if (current == null || current.isNull()) {
                return Lookup.missing();
            }
        }
        return Lookup.value(current, schema.allowsStructured(name));
    }
}
