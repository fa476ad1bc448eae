package io.berth.server.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the API reports. The type URI and title are stable: clients may switch on
 * them. docs/problems.md describes each.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    DESTINATION_NOT_ALLOWED("destination-not-allowed", HttpStatus.FORBIDDEN, "Destination not allowed"),
    QUOTA_EXCEEDED("quota-exceeded", HttpStatus.FORBIDDEN, "Quota exceeded"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Resource not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    ALREADY_EXISTS("already-exists", HttpStatus.CONFLICT, "Resource already exists"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request too large"),
    URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    HEADERS_TOO_LARGE("headers-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large"),
    VALIDATION_FAILED("validation-failed", HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed"),
    INVALID_KUBECONFIG("invalid-kubeconfig", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid kubeconfig"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    DATABASE_UNAVAILABLE("database-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable"),
    IDENTITY_PROVIDER_UNAVAILABLE("identity-provider-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Identity provider unavailable"),
    TOO_MANY_STREAMS("too-many-streams", HttpStatus.SERVICE_UNAVAILABLE, "Too many streams"),
    CLUSTER_ERROR("cluster-error", HttpStatus.BAD_GATEWAY, "Cluster answered with an error"),
    CLUSTER_UNREACHABLE("cluster-unreachable", HttpStatus.GATEWAY_TIMEOUT, "Cluster did not answer"),
    INVALID_TEMPLATE("invalid-template", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid template"),
    RENDER_FAILED("render-failed", HttpStatus.UNPROCESSABLE_CONTENT, "Template cannot be rendered");

    private static final String PREFIX = "urn:berth:problem:";

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.type = URI.create(PREFIX + slug);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem type Berth uses for a status that Spring produced on its own (405, 415, ...). */
    public static ProblemType forStatus(int status) {
        for (ProblemType candidate : values()) {
            if (candidate.status.value() == status && candidate != ALREADY_EXISTS && candidate != INVALID_KUBECONFIG
                    && candidate != INVALID_TEMPLATE && candidate != RENDER_FAILED && candidate != DATABASE_UNAVAILABLE
                    && candidate != IDENTITY_PROVIDER_UNAVAILABLE
                    && candidate != TOO_MANY_STREAMS) {
                return candidate;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
