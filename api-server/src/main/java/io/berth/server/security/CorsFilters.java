package io.berth.server.security;

import io.berth.server.web.ProblemType;
import io.berth.server.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The CORS filter of the API, from {@link CorsSettings}. It runs before authentication, so a
 * preflight is answered without a token, and adds its headers before anything is written, so a
 * portal can read the problem documents of refused requests too. A request from an origin that is
 * not allowed is refused with a problem document.
 */
final class CorsFilters {

    private CorsFilters() {
    }

    static CorsFilter of(CorsSettings settings, ProblemWriter problems) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!settings.allowedOrigins().isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(settings.allowedOrigins());
            api.setAllowedMethods(settings.allowedMethods());
            api.setAllowedHeaders(settings.allowedHeaders());
            api.setExposedHeaders(settings.exposedHeaders());
            api.setAllowCredentials(false);
            api.setMaxAge(settings.maxAge());
            source.registerCorsConfiguration("/api/**", api);
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor(problems));
        return filter;
    }

    /** Spring's processor, but a refusal is a problem document rather than a plain-text line. */
    private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

        private final ProblemWriter problems;

        ProblemCorsProcessor(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            boolean allowed = super.processRequest(config, request, response);
            if (!allowed) {
                problems.write(ProblemType.FORBIDDEN, "This origin is not allowed to call Berth (berth.cors.allowed-origins)",
                        request, response);
            }
            return allowed;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) {
            // the problem document is written by processRequest, which knows the request
        }
    }
}
