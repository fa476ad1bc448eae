package io.berth.server.openapi;

import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: bearer security, the Problem schema, and on every operation the problem
 * responses it can give (400/401/403/500 always, others from {@link ApiErrorResponses}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";
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
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                // A fixed, relative server keeps the document independent of the host and port it was read from.
                .servers(java.util.List.of(new Server().url("/").description("This Berth server")));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handlerMethod) -> {
            Set<Integer> statuses = new LinkedHashSet<>(Arrays.asList(400, 401, 403));
            ApiErrorResponses declared = handlerMethod.getMethodAnnotation(ApiErrorResponses.class);
            if (declared != null) {
                Arrays.stream(declared.value()).forEach(statuses::add);
            }
            statuses.add(500);
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            statuses.stream().sorted().forEach(status -> responses.addApiResponse(String.valueOf(status), problem(status)));
            operation.setResponses(responses);
            return operation;
        };
    }

    private static ApiResponse problem(int status) {
        ProblemType type = ProblemType.forStatus(status);
        return new ApiResponse().description(type.title())
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema error = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field at fault, as a path"))
                .addProperty("message", new StringSchema().description("What is wrong with it"));
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
