package io.berth.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.ApiTestBase;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** A browser portal on another origin, as its browser calls Berth (the tests allow {@link #PORTAL_ORIGIN}). */
class CorsIT extends ApiTestBase {

    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredWithoutAToken() {
        Api.Reply preflight = api.raw("OPTIONS", "/api/v1/applications/web", null, HttpRequest.BodyPublishers.noBody(),
                "Origin", PORTAL_ORIGIN, "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(PORTAL_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("PATCH");
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization").contains("if-match").contains("idempotency-key");
        assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void aCallFromTheAllowedOriginCarriesTheHeadersAPortalReadsEvenWhenRefused() {
        Api.Reply refused = api.raw("GET", "/api/v1/applications", null, HttpRequest.BodyPublishers.noBody(), "Origin", PORTAL_ORIGIN);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo(PORTAL_ORIGIN);

        Api.Reply listed = api.raw("GET", "/api/v1/applications", ADMIN_TOKEN, HttpRequest.BodyPublishers.noBody(),
                "Origin", PORTAL_ORIGIN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header("Access-Control-Expose-Headers")).contains("ETag").contains("Location").contains("X-Request-Id");
    }

    @Test
    void anotherOriginIsRefusedWithAProblemDocument() {
        Api.Reply preflight = api.raw("OPTIONS", "/api/v1/applications", null, HttpRequest.BodyPublishers.noBody(),
                "Origin", "https://evil.example.net", "Access-Control-Request-Method", "DELETE");
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Content-Type")).startsWith("application/problem+json");
        assertThat(preflight.json().get("detail").asString()).contains("origin is not allowed");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

        Api.Reply call = api.raw("GET", "/api/v1/applications", ADMIN_TOKEN, HttpRequest.BodyPublishers.noBody(),
                "Origin", "https://evil.example.net");
        assertThat(call.status()).isEqualTo(403);
        assertThat(call.header("Access-Control-Allow-Origin")).isNull();
    }
}
