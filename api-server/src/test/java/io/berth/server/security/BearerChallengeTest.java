package io.berth.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.server.testsupport.TestIdentityProvider;
import io.berth.server.web.ProblemWriter;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import tools.jackson.databind.json.JsonMapper;

/** What a caller is told when its JWT cannot be checked because the identity provider is out of reach. */
class BearerChallengeTest {

    @Test
    void anUnreachableKeySetIsA503WithRetryAfterNotA401() throws Exception {
        var provider = new JwtAuthenticationProvider(new OutageAwareJwtDecoder(
                NimbusJwtDecoder.withJwkSetUri(deadUri("/jwks")).build()));

        assertIsAnOutage(refusal(provider));
    }

    @Test
    void anIssuerThatDoesNotAnswerDiscoveryIsA503TooNotAnUnhandledError() throws Exception {
        // what Spring Boot builds from issuer-uri alone: discovery at the first JWT
        String issuer = deadUri("/realms/berth");
        var discovering = new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuer));
        assertThat(catchThrowable(() -> new JwtAuthenticationProvider(discovering).authenticate(
                new BearerTokenAuthenticationToken(TestIdentityProvider.token("frank", List.of())))))
                .as("without Berth's wrapper").isNotInstanceOf(AuthenticationException.class);

        assertIsAnOutage(refusal(new JwtAuthenticationProvider(new OutageAwareJwtDecoder(discovering))));
    }

    private static AuthenticationException refusal(JwtAuthenticationProvider provider) {
        return catchThrowableOfType(AuthenticationException.class, () -> provider.authenticate(
                new BearerTokenAuthenticationToken(TestIdentityProvider.token("frank", List.of("platform-admins")))));
    }

    private static String deadUri(String path) throws Exception {
        try (ServerSocket closedSoon = new ServerSocket(0)) {
            return "http://127.0.0.1:" + closedSoon.getLocalPort() + path;
        }
    }

    private static void assertIsAnOutage(AuthenticationException refused) throws Exception {
        assertThat(refused).as("what Spring makes of an unreachable provider").isInstanceOf(AuthenticationServiceException.class);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new BearerChallenge(new ProblemWriter(JsonMapper.builder().build()))
                .onAuthenticationFailure(new MockHttpServletRequest("GET", "/api/v1/applications"), response, refused);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        assertThat(response.getContentAsString()).contains("identity-provider-unavailable");
    }
}
