package io.berth.template.internal.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import io.berth.template.TemplateProblem;
import io.berth.template.internal.json.JsonPaths;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema validator (networknt, which works on Jackson 3 trees): draft 2020-12 unless a
 * schema names another dialect in {@code $schema}; errors located by JSON path ({@code $.replicas}).
 * Only the meta-schemas bundled with the library are loaded; nothing is fetched from the network.
 */
final class JsonSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));

    private JsonSchemas() {
    }

    /** Compiles a schema, all its keywords at once, so that an unusable schema fails here. */
    static Schema compile(JsonNode schema) {
        Schema compiled = REGISTRY.getSchema(schema);
        compiled.initializeValidators();
        return compiled;
    }

    /** Problems of the schema itself, found by validating it against its dialect's meta-schema. */
    static List<TemplateProblem> checkAgainstMetaSchema(JsonNode schema) {
        JsonNode declared = schema.path("$schema");
        String dialect = declared.isString() ? declared.stringValue() : SpecificationVersion.DRAFT_2020_12.getDialectId();
        Optional<SpecificationVersion> version = SpecificationVersion.fromDialectId(dialect);
        if (version.isEmpty()) {
            return List.of(TemplateProblem.at("$['$schema']",
                    "invalid parameters schema: unsupported $schema " + dialect
                            + "; use draft 2020-12, 2019-09, 7, 6 or 4"));
        }
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(version.get().getDialectId()));
        return toProblems(meta.validate(schema), false, "invalid parameters schema: ");
    }

    static List<TemplateProblem> validate(Schema schema, JsonNode values, boolean ignoreRequired, String messagePrefix) {
        return toProblems(schema.validate(values), ignoreRequired, messagePrefix);
    }

    private static List<TemplateProblem> toProblems(List<Error> errors, boolean ignoreRequired, String messagePrefix) {
        List<TemplateProblem> problems = new ArrayList<>();
        for (Error error : errors) {
            if (ignoreRequired && "required".equals(error.getKeyword())) {
                continue;
            }
            String path = error.getInstanceLocation().toString();
            if (error.getProperty() != null) {
                path = JsonPaths.child(path, error.getProperty());
            }
            problems.add(TemplateProblem.at(path, messagePrefix + error.getMessage()));
        }
        return problems;
    }
}
