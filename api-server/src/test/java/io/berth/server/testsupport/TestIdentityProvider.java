package io.berth.server.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * An identity provider inside the tests: an RSA signing key, and its public key set served over HTTP on
 * the loopback interface, as Berth fetches it from a real provider ({@code jwk-set-uri}). A second key
 * with the same key id signs forged tokens.
 */
public final class TestIdentityProvider {

    public static final String ISSUER = "https://idp.test/realms/berth";
    public static final String AUDIENCE = "berth";

    private static final RSAKey KEY = generate();
    private static final RSAKey FORGER = generate();
    private static final HttpServer KEY_SET = serve(new JWKSet(KEY.toPublicJWK()).toString());

    private TestIdentityProvider() {
    }

    public static String jwkSetUri() {
        return "http://127.0.0.1:" + KEY_SET.getAddress().getPort() + "/jwks";
    }

    /** A token as the provider issues it: valid for five minutes, for Berth, listing these groups. */
    public static String token(String user, List<String> groups) {
        return sign(KEY, claims(user, groups, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))));
    }

    public static String expired(String user, List<String> groups) {
        // beyond the 60 s of clock skew a resource server allows
        return sign(KEY, claims(user, groups, ISSUER, AUDIENCE, Instant.now().minus(Duration.ofMinutes(5))));
    }

    public static String fromIssuer(String issuer, String user, List<String> groups) {
        return sign(KEY, claims(user, groups, issuer, AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))));
    }

    public static String forAudience(String audience, String user, List<String> groups) {
        return sign(KEY, claims(user, groups, ISSUER, audience, Instant.now().plus(Duration.ofMinutes(5))));
    }

    /** Signed with another key under the provider's key id: the signature does not verify. */
    public static String forged(String user, List<String> groups) {
        return sign(FORGER, claims(user, groups, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))));
    }

    private static JWTClaimsSet claims(String user, List<String> groups, String issuer, String audience, Instant expires) {
        Instant issued = expires.minus(Duration.ofMinutes(10));
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("sub-" + user)
                .claim("preferred_username", user).claim("groups", groups)
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires)).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serve(String keySet) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks", exchange -> {
                byte[] body = keySet.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(null);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
