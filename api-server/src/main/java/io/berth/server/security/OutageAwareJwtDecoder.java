package io.berth.server.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Spring's decoder configured by {@code issuer-uri} alone discovers the provider at the first JWT; if the
 * provider does not answer then, it throws an exception no filter handles (a 500). Here that becomes what
 * an unreachable key set is: the provider is out of reach (503 with Retry-After), and the next JWT tries
 * again.
 */
final class OutageAwareJwtDecoder implements JwtDecoder {

    private final JwtDecoder decoder;

    OutageAwareJwtDecoder(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Jwt decode(String token) {
        try {
            return decoder.decode(token);
        } catch (JwtDecoderInitializationException providerNotReached) {
            throw new JwtException("The identity provider could not be reached to learn its keys", providerNotReached);
        }
    }
}
