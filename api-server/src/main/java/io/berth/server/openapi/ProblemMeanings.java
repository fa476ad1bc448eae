package io.berth.server.openapi;

import io.berth.server.web.ProblemType;

/**
 * One sentence per problem type for the OpenAPI document; docs/problems.md says more. A switch over
 * every type, so that a new type does not compile until it is described here.
 */
final class ProblemMeanings {

    private ProblemMeanings() {
    }

    static String of(ProblemType type) {
        return switch (type) {
            case MALFORMED_REQUEST -> "the request cannot be read: a body that is not the operation's JSON object (an"
                    + " unknown field, a key given twice, a value of the wrong JSON type), a bad query parameter or cursor.";
            case UNAUTHENTICATED -> "no Authorization: Bearer token, or an unknown, revoked or expired one.";
            case FORBIDDEN -> "the caller's role, globally or in the project concerned, does not allow this operation.";
            case QUOTA_EXCEEDED -> "the change would take the project beyond its quota (its applications or replicas); nothing was"
                    + " written.";
            case DESTINATION_NOT_ALLOWED -> "a target lies outside the destinations of the application's project; `errors`"
                    + " names each one (`targets[1]`, `clusterSelector`), and nothing was written.";
            case NOT_FOUND -> "nothing of that name (or id) exists.";
            case METHOD_NOT_ALLOWED -> "the path exists, but not with this method.";
            case NOT_ACCEPTABLE -> "the Accept header asks for something other than JSON.";
            case ALREADY_EXISTS -> "something of that name (for a version: that number) exists already.";
            case CONFLICT -> "the request conflicts with the current state: an operation under way, a resource in"
                    + " use, or a change without If-Match that lost a race with another writer (nothing was changed).";
            case PRECONDITION_FAILED -> "If-Match names a version that is no longer current; read again and retry.";
            case PAYLOAD_TOO_LARGE -> "the body (or a template version's content) is larger than Berth accepts.";
            case URI_TOO_LONG -> "the request line is longer than Berth accepts.";
            case UNSUPPORTED_MEDIA_TYPE -> "the body is not of a media type the operation takes.";
            case HEADERS_TOO_LARGE -> "the headers are larger than Berth accepts.";
            case VALIDATION_FAILED -> "valid JSON with invalid fields; errors lists every one.";
            case INVALID_KUBECONFIG -> "the kubeconfig is refused; errors names each part at fault.";
            case INTERNAL_ERROR -> "a bug in Berth; quote the requestId.";
            case DATABASE_UNAVAILABLE -> "Berth's database is out of reach; send the request again after Retry-After.";
            case IDENTITY_PROVIDER_UNAVAILABLE -> "the identity provider's signing keys are out of reach, so a JWT cannot be"
                    + " checked now; send the request again after Retry-After.";
            case TOO_MANY_STREAMS -> "this Berth instance has as many live streams open as it takes; retry after Retry-After.";
            case CLUSTER_ERROR -> "the cluster answered, but badly (credentials refused, TLS failure, 5xx).";
            case CLUSTER_UNREACHABLE -> "the cluster did not answer in time.";
            case INVALID_TEMPLATE -> "the version's content is refused; errors lists every problem by document and path.";
            case RENDER_FAILED -> "the version cannot be rendered with these values; errors lists every problem.";
        };
    }
}
