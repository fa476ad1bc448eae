package io.berth.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefusedRequestsTest {

    @Test
    void namesWhatIsWrongWithARawPath() {
        assertThat(RefusedRequests.pathReason("/api/v1/clusters/a%2fb")).contains("encoded slash");
        assertThat(RefusedRequests.pathReason("/api/v1/clusters/a%5Cb")).contains("backslash");
        assertThat(RefusedRequests.pathReason("/api/v1/clusters/a%00b")).contains("NUL");
        assertThat(RefusedRequests.pathReason("/api/v1/clusters/a%1fb")).contains("control character");
        assertThat(RefusedRequests.pathReason("/api/v1/clusters;jsessionid=1")).contains("path parameter");
        assertThat(RefusedRequests.pathReason("/api/v1//clusters")).contains("'//'");
        assertThat(RefusedRequests.pathReason("/api/v1/%2e%2e/tokens")).contains("encoded dot");
        assertThat(RefusedRequests.pathReason("/api/v1/clusters/a%25b")).contains("percent sign");
        assertThat(RefusedRequests.pathReason("/api/v1/../tokens")).contains("'..'");
        assertThat(RefusedRequests.pathReason("/api/v1/clusters/%zz")).contains("'%'");
        assertThat(RefusedRequests.pathReason("/api/v1/clusters/a%2")).contains("'%'");
    }

    @Test
    void aPlainPathHasNothingWrong() {
        assertThat(RefusedRequests.pathReason("/api/v1/clusters/prod-eu-1")).isNull();
        assertThat(RefusedRequests.pathReason("/api/v1/template-sets/web/versions/1.0.0%2Bbuild")).isNull();
    }

    @Test
    void aMethodIsQuotedOnlyAsVisibleAsciiAndShort() {
        assertThat(RefusedRequests.methodDetail("BREW")).startsWith("Method BREW is not allowed");
        assertThat(RefusedRequests.methodDetail("X\u0007Y" + "Z".repeat(40))).startsWith("Method XY" + "Z".repeat(18) + " is");
    }

    @Test
    void aProblemInstanceHoldsOnlyWhatAUriMay() {
        assertThat(Problems.instance("/api/v1/clusters/a%2Fb")).hasToString("/api/v1/clusters/a%2Fb");
        assertThat(Problems.instance("/api/v1/clusters/%zz \"x\"")).hasToString("/api/v1/clusters/%25zz%20%22x%22");
        assertThat(Problems.instance("/caf\u00e9")).hasToString("/caf%C3%A9");
        assertThat(Problems.instance("")).hasToString("/");
        assertThat(Problems.instance("/" + "a".repeat(5000)).toString()).hasSize(2048);
    }
}
