package io.berth.server.security;

import io.berth.server.database.DatabaseFaults;
import io.berth.server.web.ApiExceptionHandler;
import io.berth.server.web.ProblemType;
import io.berth.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>}. A known, unexpired token authenticates the request;
 * anything else leaves it anonymous, and the entry point answers 401 with the reason noted here.
 */
class TokenAuthenticationFilter extends OncePerRequestFilter {

    static final String FAILURE_ATTRIBUTE = TokenAuthenticationFilter.class.getName() + ".failure";
    private static final String BEARER = "bearer ";

    private final TokenAuthenticator tokens;
    private final ProblemWriter problems;
    private final boolean jwtsCheckedElsewhere;

    /** Why the request is not authenticated, as the filters noted it, for the 401 problem's detail. */
    static String failureOf(HttpServletRequest request) {
        Object reason = request.getAttribute(FAILURE_ATTRIBUTE);
        return reason != null ? reason.toString() : "Authentication required: send Authorization: Bearer <token>";
    }

    /** @param jwtsCheckedElsewhere whether single sign-on is on: a JWT is then the resource server's to check */
    TokenAuthenticationFilter(TokenAuthenticator tokens, ProblemWriter problems, boolean jwtsCheckedElsewhere) {
        this.tokens = tokens;
        this.problems = problems;
        this.jwtsCheckedElsewhere = jwtsCheckedElsewhere;
    }

    /** Whether a bearer token was sent at all (a 401 then says {@code error="invalid_token"}, RFC 6750). */
    static boolean carriesBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            request.setAttribute(FAILURE_ATTRIBUTE, "No bearer token: send Authorization: Bearer <token>");
        } else if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.setAttribute(FAILURE_ATTRIBUTE, "Only bearer tokens are accepted: send Authorization: Bearer <token>");
        } else if (jwtsCheckedElsewhere && JwtBearerTokens.isJwt(header.substring(BEARER.length()).trim())) {
            // the identity provider's token: the resource server's filter checks it, and answers if it is bad
        } else {
            Optional<Caller> principal;
            try {
                principal = tokens.authenticate(header.substring(BEARER.length()).trim());
            } catch (RuntimeException e) {
                if (!DatabaseFaults.isUnavailable(e)) {
                    throw e;
                }
                // the token cannot be checked now: say so (503), rather than calling a valid token unknown
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseFaults.RETRY_AFTER_SECONDS));
                problems.write(ProblemType.DATABASE_UNAVAILABLE, ApiExceptionHandler.DATABASE_UNAVAILABLE_DETAIL,
                        request, response);
                return;
            }
            if (principal.isPresent()) {
                var authentication = UsernamePasswordAuthenticationToken.authenticated(
                        principal.get(), null, principal.get().authorities());
                SecurityContextHolder.getContext().setAuthentication(authentication);
            } else {
                request.setAttribute(FAILURE_ATTRIBUTE, "The bearer token is unknown, revoked or expired");
            }
        }
        chain.doFilter(request, response);
    }
}
