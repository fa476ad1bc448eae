package io.berth.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Tells the identity provider's JWTs from Berth's own tokens, so that each request is checked by one
 * of the two only: a JWT is three base64url parts whose first decodes to a JSON header naming an
 * algorithm. Berth's tokens never look so (a generated one is {@code berth_} and one base64url part; a
 * chosen bootstrap token would need dots and a JSON header to be mistaken).
 */
final class JwtBearerTokens implements BearerTokenResolver {

    private static final String BEARER = "bearer ";
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** The JWT the request carries, or null when it carries none (Berth's token filter then has it). */
    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return isJwt(token) ? token : null;
    }

    static boolean isJwt(String token) {
        if (token.length() > 16_384 || !JWT_SHAPE.matcher(token).matches()) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8);
            return header.startsWith("{") && header.contains("\"alg\"");
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
