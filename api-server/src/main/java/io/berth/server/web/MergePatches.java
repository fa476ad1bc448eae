package io.berth.server.web;

import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of a PATCH as a JSON Merge Patch (RFC 7386) of the resource's document, with the
 * same strictness as any other body. Reading checks the patch alone, before the resource is even
 * looked up: it must be a JSON object (400 otherwise, since a patch that is not an object would
 * replace the whole resource) whose fields and types fit the document's (400 naming the field; a
 * {@code null} is allowed anywhere, it removes). Applying it merges the patch into the current
 * document ({@link JsonMergePatch}), binds the result to the document's type and validates it like a
 * PUT body (422 naming the field).
 */
@Component
public class MergePatches {

    private final JsonMapper json;
    private final Validator validator;

    public MergePatches(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @param patch    the request body
     * @param shape    the record describing the patch (every field optional): the patch must bind to it
     * @param document the type of the whole document the patch applies to
     */
    public <T> MergePatch<T> read(JsonNode patch, Class<?> shape, Class<T> document) {
        if (patch == null || !patch.isObject()) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object: a JSON Merge "
                    + "Patch (RFC 7386) of the resource, with the fields to change and null for those to remove");
        }
        bind(patch, shape);
        return current -> {
            T merged = bind(JsonMergePatch.apply(json.valueToTree(current), patch), document);
            List<FieldProblem> errors = validator.validate(merged).stream()
                    .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                    .toList();
            if (!errors.isEmpty()) {
                throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has " + errors.size()
                        + " invalid field(s) once merged into the current resource", errors);
            }
            return merged;
        };
    }

    private <T> T bind(JsonNode tree, Class<T> type) {
        try {
            return json.treeToValue(tree, type);
        } catch (JacksonException refused) {
            throw RequestBodyProblems.of(refused);
        }
    }
}
