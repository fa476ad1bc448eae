package io.berth.server.security;

import io.berth.server.database.DatabaseFaults;
import io.berth.server.web.ProblemType;
import io.berth.server.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * How Berth answers a request it cannot authenticate: 401 with a problem document and the RFC 6750
 * challenge ({@code WWW-Authenticate: Bearer}, with {@code error="invalid_token"} when a token was sent
 * and refused). A JWT that cannot be checked because the identity provider's keys are out of reach is
 * not the caller's fault: 503 with Retry-After, as when the database is down.
 */
final class BearerChallenge implements AuthenticationEntryPoint, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(BearerChallenge.class);

    private final ProblemWriter problems;

    BearerChallenge(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        String challenge;
        String detail;
        if (refused instanceof OAuth2AuthenticationException jwtRefused) {
            OAuth2Error error = jwtRefused.getError();
            String why = error.getDescription() == null ? error.getErrorCode() : error.getDescription();
            challenge = "Bearer error=\"" + quotable(error.getErrorCode()) + "\", error_description=\"" + quotable(why) + "\"";
            detail = "The bearer token is not a JWT Berth accepts: " + why;
        } else {
            challenge = TokenAuthenticationFilter.carriesBearer(request) ? "Bearer error=\"invalid_token\"" : "Bearer";
            detail = TokenAuthenticationFilter.failureOf(request);
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        problems.write(ProblemType.UNAUTHENTICATED, detail, request, response);
    }

    /** A JWT was refused: by the identity provider's absence (503), or for what it is (401). */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        if (refused instanceof AuthenticationServiceException) {
            log.warn("A JWT could not be checked: the identity provider's key set is out of reach ({})", refused.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseFaults.RETRY_AFTER_SECONDS));
            problems.write(ProblemType.IDENTITY_PROVIDER_UNAVAILABLE, "Berth cannot reach the identity provider's signing"
                    + " keys to check this JWT right now. Try again in a few seconds; Berth's own tokens keep working.",
                    request, response);
            return;
        }
        commence(request, response, refused);
    }

    /** A header parameter's value: no quotes or backslashes, one line (RFC 6750 §3 allows no more). */
    private static String quotable(String text) {
        return text.replaceAll("[\"\\\\\\r\\n]", "'");
    }
}
