package io.berth.server.security;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import tools.jackson.databind.json.JsonMapper;

/** What a caller is told when its JWT cannot be checked because the identity provider is out of reach. */
class BearerChallengeTest {

    @Test
    void anUnreachableKeySetIsA503WithRetryAfterNotA401() throws Exception {
        String deadUri;
        try (ServerSocket closedSoon = new ServerSocket(0)) {
            deadUri = "http://127.0.0.1:" + closedSoon.getLocalPort() + "/jwks";
        }
        var provider = new JwtAuthenticationProvider(NimbusJwtDecoder.withJwkSetUri(deadUri).build());
        AuthenticationException refused = catchThrowableOfType(AuthenticationException.class, () -> provider.authenticate(
                new BearerTokenAuthenticationToken(TestIdentityProvider.token("frank", List.of("platform-admins")))));
        assertThat(refused).as("what Spring makes of an unreachable key set").isInstanceOf(AuthenticationServiceException.class);

        MockHttpServletResponse response = new MockHttpServletResponse();
        new BearerChallenge(new ProblemWriter(JsonMapper.builder().build()))
                .onAuthenticationFailure(new MockHttpServletRequest("GET", "/api/v1/applications"), response, refused);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        assertThat(response.getContentAsString()).contains("identity-provider-unavailable");
    }
}
