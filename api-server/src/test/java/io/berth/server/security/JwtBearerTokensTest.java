package io.berth.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.TestIdentityProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which bearer tokens go to the identity provider's check, and which to Berth's own. */
class JwtBearerTokensTest {

    private final JwtBearerTokens resolver = new JwtBearerTokens();

    @Test
    void aJwtOfTheIdentityProviderIsTakenAndBerthsTokensAreLeftToBerth() {
        String jwt = TestIdentityProvider.token("gina", List.of("g"));
        assertThat(resolver.resolve(bearer(jwt))).isEqualTo(jwt);
        assertThat(resolver.resolve(bearer("berth_" + "A".repeat(43)))).isNull();
        // a bootstrap token is any text of 32 characters or more: hex, or with dots, is still Berth's
        assertThat(resolver.resolve(bearer("0123456789abcdef0123456789abcdef"))).isNull();
        assertThat(resolver.resolve(bearer("first.part-of-my.chosen-bootstrap-token"))).isNull();
        assertThat(resolver.resolve(new MockHttpServletRequest())).isNull();
    }

    @Test
    void groupsComeAsAnArrayOrAsOneStringOfNames() {
        assertThat(JwtCallers.groups(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(JwtCallers.groups("a b,c")).containsExactly("a", "b", "c");
        assertThat(JwtCallers.groups(null)).isEmpty();
    }

    private static MockHttpServletRequest bearer(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer " + token);
        return request;
    }
}
