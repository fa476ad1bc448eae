package io.berth.template.internal.params;

import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.Schema;

import io.berth.template.TemplateProblem;
import io.berth.template.internal.json.Mappers;
import io.berth.template.internal.json.ParserMessages;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters schema of a version: parsed, compiled, and asked which names it declares, which
 * may hold objects or arrays, and which defaults it carries. A schema that cannot be used is
 * reported through {@link #problems()} and then declares nothing and validates nothing.
 */
public final class ParameterSchema {

    private static final String UNREADABLE_REFERENCE = "java.io.FileNotFoundException: ";

    private final JsonNode root;
    private final Schema compiled;
    private final SchemaNavigator navigator;
    private final List<TemplateProblem> problems;
    private final boolean isJsonSchemaObject;

    private ParameterSchema(JsonNode root, Schema compiled, List<TemplateProblem> problems, boolean isJsonSchemaObject) {
        this.root = root;
        this.compiled = compiled;
        this.navigator = new SchemaNavigator(root);
        this.problems = List.copyOf(problems);
        this.isJsonSchemaObject = isJsonSchemaObject;
    }

    private static ParameterSchema unusable(List<TemplateProblem> problems) {
        return new ParameterSchema(JsonNodeFactory.instance.objectNode(), null, problems, false);
    }

    public static ParameterSchema parse(String json) {
        List<TemplateProblem> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = Mappers.json().readTree(json);
        } catch (JacksonException e) {
            problems.add(TemplateProblem.at("$", "parameters schema is not valid JSON: " + ParserMessages.describe(e)));
            return unusable(problems);
        }
        checkShape(root, problems);
        if (!problems.isEmpty()) {
            return unusable(problems);
        }
        try {
            return new ParameterSchema(root, JsonSchemas.compile(root), problems, true);
        } catch (RuntimeException e) {
            problems.add(TemplateProblem.at("$", "parameters schema cannot be used: " + reason(e)));
            return new ParameterSchema(root, null, problems, true);
        }
    }

    private static String reason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int unreadable = message.indexOf(UNREADABLE_REFERENCE);
        if (unreadable >= 0) {
            return "cannot load " + message.substring(unreadable + UNREADABLE_REFERENCE.length())
                    + "; only references inside the schema (such as #/$defs/name) are supported";
        }
        return message;
    }

    private static void checkShape(JsonNode root, List<TemplateProblem> problems) {
        if (!root.isObject()) {
            problems.add(TemplateProblem.at("$", "parameters schema must be a JSON object"));
            return;
        }
        JsonNode type = root.get("type");
        if (type != null && !(type.isString() && type.stringValue().equals("object"))) {
            problems.add(TemplateProblem.at("$.type", "parameters schema must describe an object (type: object)"));
        }
        if (root.path("properties").has(BuiltInParameters.RESERVED)) {
            problems.add(TemplateProblem.at("$.properties.berth",
                    "the parameter name berth is reserved for built-in parameters"));
        }
    }

    /** Problems that make the schema unusable: not JSON, not an object schema, a reserved name, does not compile. */
    public List<TemplateProblem> problems() {
        return problems;
    }

    /** Problems found by checking the schema against its meta-schema (done when a version is published). */
    public List<TemplateProblem> metaSchemaProblems() {
        return isJsonSchemaObject ? JsonSchemas.checkAgainstMetaSchema(root) : List.of();
    }

    public boolean declares(String name) {
        return navigator.find(name).isPresent();
    }

    /** Whether the schema declares {@code name} as an object or an array. */
    public boolean allowsStructured(String name) {
        return navigator.find(name)
                .map(s -> SchemaNavigator.allowsType(s, "object") || SchemaNavigator.allowsType(s, "array"))
                .orElse(false);
    }

    /** The defaults written in the schema, as a key-sorted object. */
    public ObjectNode defaults() {
        return SchemaDefaults.of(navigator, root);
    }

    /** Schema violations of {@code values}; {@code required} ones left out when asked (for defaults alone). */
    public List<TemplateProblem> validate(JsonNode values, boolean ignoreRequired, String messagePrefix) {
        if (compiled == null) {
            return List.of();
        }
        try {
            return JsonSchemas.validate(compiled, values, ignoreRequired, messagePrefix);
        } catch (RuntimeException e) {
            return List.of(TemplateProblem.at("$", messagePrefix + "schema could not be applied: " + e.getMessage()));
        }
    }
}
