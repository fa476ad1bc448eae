package io.berth.server.applications;

import io.berth.server.operations.RequestContext;
import io.berth.server.security.TokenPrincipal;
import io.berth.server.web.ApiException;
import io.berth.server.web.FieldProblem;
import io.berth.server.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/** Builds the {@link RequestContext} of a mutation: caller, request id, and the Idempotency-Key with its request's fingerprint. */
final class RequestContexts {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    private RequestContexts() {
    }

    static RequestContext of(TokenPrincipal caller, String idempotencyKey, HttpServletRequest request, Object body,
                             JsonMapper json) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The Idempotency-Key header must be 1 to "
                    + MAX_KEY_LENGTH + " visible ASCII characters, e.g. a UUID",
                    List.of(new FieldProblem(IDEMPOTENCY_KEY, "invalid")));
        }
        String fingerprint = idempotencyKey == null ? null
                : sha256(request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n"
                + json.writeValueAsString(body));
        return new RequestContext(caller.tokenName(), MDC.get("requestId"), idempotencyKey, fingerprint);
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
