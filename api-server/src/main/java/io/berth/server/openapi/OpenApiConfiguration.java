package io.berth.server.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document: bearer security, the Problem schema, and on every operation what is the same
 * for all of them: its request example, its roles, the If-Match header and its problem responses.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = ProblemResponses.PROBLEM_SCHEMA;
    private static final String FIELD_PROBLEM = "FieldProblem";
    private static final String BEARER = "bearerToken";

    @Bean
    OpenAPI berthOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Berth API").version("v1")
                        .description("Multi-cluster management of stateful applications on Kubernetes. "
                                + "Errors are RFC 9457 problems (application/problem+json)."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token: Authorization: Bearer berth_..."))
                        .addSchemas(FIELD_PROBLEM, fieldProblemSchema())
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                // A fixed, relative server keeps the document independent of the host and port it was read from.
                .servers(java.util.List.of(new Server().url("/").description("This Berth server")));
    }

    /**
     * Completes every operation in one pass, in this order: its request example, the roles that may call
     * it, the If-Match header, then its problem responses (whose list closes the description).
     */
    @Bean
    OperationCustomizer documentedOperations(JsonMapper json) {
        RequestExamples examples = new RequestExamples(json);
        return (operation, handlerMethod) -> {
            examples.addTo(operation);
            RequiredRole.describe(operation, handlerMethod);
            ConditionalRequests.describe(operation);
            ProblemResponses.addTo(operation, handlerMethod);
            return operation;
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema fieldProblemSchema() {
        return new ObjectSchema()
                .description("One invalid field of a request")
                .addProperty("field", new StringSchema().description("The field at fault, as a path")
                        .example("targets[0].cluster"))
                .addProperty("message", new StringSchema().description("What is wrong with it"))
                .required(java.util.List.of("field", "message"));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema error = new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM);
        return new ObjectSchema()
                .description("An RFC 9457 problem. The type is stable per kind of problem; see docs/problems.md.")
                .addProperty("type", new StringSchema().example("urn:berth:problem:validation-failed"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("requestId", new StringSchema().description("Also in the X-Request-Id response header"))
                .addProperty("errors", new ArraySchema().items(error))
                .required(java.util.List.of("type", "title", "status"));
    }
}
