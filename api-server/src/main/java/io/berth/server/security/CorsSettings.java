package io.berth.server.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser origins may call the API (CORS), under {@code berth.cors}. None by default: a portal's
 * origin must be named. Berth authenticates with bearer tokens, never cookies, so credentials (cookies)
 * are not allowed cross-origin, and a wildcard origin is refused at start-up.
 *
 * @param allowedOrigins  origins such as {@code https://portal.example.com}; empty allows none
 * @param allowedMethods  methods a portal may use
 * @param allowedHeaders  request headers a portal may send
 * @param exposedHeaders  response headers a portal's script may read
 * @param maxAge          how long a browser may reuse a preflight answer
 */
@ConfigurationProperties("berth.cors")
public record CorsSettings(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE"}) List<String> allowedMethods,
        @DefaultValue({"Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "Last-Event-ID",
                "X-Request-Id"}) List<String> allowedHeaders,
        @DefaultValue({"ETag", "Location", "Retry-After", "X-Request-Id"}) List<String> exposedHeaders,
        @DefaultValue("1h") Duration maxAge) {

    public CorsSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        if (allowedOrigins.contains("*")) {
            throw new IllegalArgumentException("berth.cors.allowed-origins: name the portals' origins; '*' is not accepted");
        }
    }
}
