package io.berth.server.applications;

import io.berth.server.operations.RequestContext;
import io.berth.server.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link RequestContext} of a mutation: caller, request id, and the Idempotency-Key with its
 * request's fingerprint. The key's shape is checked before, as the header is read
 * ({@link io.berth.server.web.IdempotencyKeyHeader}).
 */
public final class RequestContexts {

    private RequestContexts() {
    }

    public static RequestContext of(Caller caller, String idempotencyKey, HttpServletRequest request, Object body,
                             JsonMapper json) {
        String fingerprint = idempotencyKey == null ? null
                : sha256(request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n"
                + json.writeValueAsString(body));
        return new RequestContext(caller.name(), MDC.get("requestId"), idempotencyKey, fingerprint);
    }

    private static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
