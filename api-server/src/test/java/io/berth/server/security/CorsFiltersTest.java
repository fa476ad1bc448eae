package io.berth.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.server.web.ProblemWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** With no origin configured, no browser origin may call Berth. */
class CorsFiltersTest {

    @Test
    void byDefaultNoOriginIsAllowed() throws Exception {
        CorsSettings defaults = new CorsSettings(List.of(), List.of("GET"), List.of("Authorization"), List.of("ETag"),
                Duration.ofHours(1));
        MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/api/v1/applications");
        preflight.addHeader("Origin", "https://portal.example.com");
        preflight.addHeader("Access-Control-Request-Method", "GET");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        CorsFilters.of(defaults, new ProblemWriter(JsonMapper.builder().build())).doFilter(preflight, response, chain);

        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
        assertThat(response.getHeader("Access-Control-Allow-Methods")).isNull();
    }

    @Test
    void aWildcardOriginIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new CorsSettings(List.of("*"), List.of(), List.of(), List.of(), Duration.ZERO))
                .hasMessageContaining("berth.cors.allowed-origins");
    }
}
