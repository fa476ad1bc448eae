package io.berth.server.openapi;

import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.ProblemType;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.web.method.HandlerMethod;

/**
 * The problems an operation can answer, as {@code application/problem+json} responses and as a list of
 * their types at the end of its description: those every operation can answer (a body or parameter
 * Berth cannot read, no token, a role too low, a bug, the database away), those its shape implies (a
 * name in the path can be missing, a body can be too large or of another media type, an If-Match can be
 * stale) and those its handler declares with {@link ApiErrorResponses}. Derived rather than written
 * out per operation, so that a new endpoint cannot forget the ones every endpoint has.
 */
final class ProblemResponses {

    static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final List<ProblemType> EVERY_OPERATION = List.of(ProblemType.MALFORMED_REQUEST,
            ProblemType.UNAUTHENTICATED, ProblemType.FORBIDDEN, ProblemType.INTERNAL_ERROR, ProblemType.DATABASE_UNAVAILABLE);
    private static final Comparator<ProblemType> BY_STATUS =
            Comparator.comparingInt((ProblemType type) -> type.status().value()).thenComparing(Enum::ordinal);

    private ProblemResponses() {
    }

    static void addTo(Operation operation, HandlerMethod handler) {
        Set<ProblemType> types = answeredBy(operation, handler.getMethodAnnotation(ApiErrorResponses.class));
        Map<Integer, List<ProblemType>> byStatus = types.stream().collect(Collectors.groupingBy(
                type -> type.status().value(), TreeMap::new, Collectors.toList()));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, ofStatus) -> responses.addApiResponse(String.valueOf(status), response(ofStatus)));
        operation.setResponses(responses);
        OperationText.append(operation, "Problems (RFC 9457 `application/problem+json`, see docs/problems.md): "
                + types.stream().map(type -> "`" + type.type() + "` (" + type.status().value() + ")")
                .collect(Collectors.joining(", ")) + ".");
    }

    private static Set<ProblemType> answeredBy(Operation operation, ApiErrorResponses declared) {
        Set<ProblemType> types = new TreeSet<>(BY_STATUS);
        types.addAll(EVERY_OPERATION);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            types.add(ProblemType.NOT_FOUND);
        }
        if (operation.getRequestBody() != null) {
            types.add(ProblemType.PAYLOAD_TOO_LARGE);
            types.add(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        }
        if (parameters.stream().anyMatch(p -> "header".equals(p.getIn()) && "If-Match".equalsIgnoreCase(p.getName()))) {
            types.add(ProblemType.PRECONDITION_FAILED);
        }
        if (declared != null) {
            for (int status : declared.value()) {
                types.add(usualType(status));
            }
            types.addAll(List.of(declared.problems()));
        }
        return types;
    }

    /** The type Berth answers a status with when nothing more precise applies. */
    static ProblemType usualType(int status) {
        return status == ProblemType.DATABASE_UNAVAILABLE.status().value()
                ? ProblemType.DATABASE_UNAVAILABLE : ProblemType.forStatus(status);
    }

    private static ApiResponse response(List<ProblemType> types) {
        String description = types.stream().map(type -> type.title() + ": `" + type.type() + "`, "
                + ProblemMeanings.of(type)).collect(Collectors.joining(" Or "));
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }
}
