package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterStatus;
import io.berth.cluster.internal.client.UnapprovedProxyException;
import io.berth.cluster.internal.network.Cidr;
import io.berth.cluster.internal.network.DeniedDestinationException;
import io.berth.cluster.internal.probe.FailureClassifier.Failure;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private static final String SERVER = "https://k8s.example.com:6443";
    // Every exception below carries this in its message; no reason may repeat it.
    private static final String SECRET = "token=s3cr3t";
    private static final String MESSAGE = "GET " + SERVER + "/version?" + SECRET + " failed: body {\"" + SECRET + "\"}";

    private static Failure classify(Throwable error) {
        Failure failure = FailureClassifier.classify(error, SERVER);
        assertThat(failure.reason()).doesNotContain(SECRET).doesNotContain("s3cr3t");
        return failure;
    }

    private static KubernetesClientException http(int code) {
        return new KubernetesClientException(MESSAGE, code, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void rejectedCredentialsAreUnauthorized(int code) {
        Failure failure = classify(http(code));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unauthorized);
        assertThat(failure.reason()).contains(SERVER).contains("HTTP " + code).contains("credentials");
        assertThat(failure.noAnswer()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreUnreachableNamingTheCode(int code) {
        Failure failure = classify(http(code));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.reason()).contains(SERVER).contains("HTTP " + code);
        assertThat(failure.noAnswer()).isFalse();
    }

    @Test
    void unauthorizedIsFoundDeeperInTheCauseChain() {
        Failure failure = classify(new IllegalStateException(MESSAGE, http(401)));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unauthorized);
    }

    @Test
    void sslHandshakeFailureIsTlsError() {
        Failure failure = classify(new SSLHandshakeException(MESSAGE));

        assertThat(failure.status()).isEqualTo(ClusterStatus.TLSError);
        assertThat(failure.reason()).contains(SERVER).contains("TLS handshake");
        assertThat(failure.noAnswer()).isFalse();
    }

    @Test
    void sslHandshakeFailureWrappedInAClientExceptionIsTlsError() {
        KubernetesClientException wrapped = new KubernetesClientException(MESSAGE,
                new IOException(MESSAGE, new SSLHandshakeException(MESSAGE)));

        Failure failure = classify(wrapped);

        assertThat(failure.status()).isEqualTo(ClusterStatus.TLSError);
    }

    @Test
    void certificateExceptionIsTlsError() {
        Failure failure = classify(new CertificateException(MESSAGE));

        assertThat(failure.status()).isEqualTo(ClusterStatus.TLSError);
    }

    @Test
    void certificateExceptionWrappedInAClientExceptionIsTlsError() {
        Failure failure = classify(new KubernetesClientException(MESSAGE, new CertificateException(MESSAGE)));

        assertThat(failure.status()).isEqualTo(ClusterStatus.TLSError);
    }

    @Test
    void refusedConnectionIsUnreachableWithoutAnswer() {
        Failure failure = classify(new ConnectException(MESSAGE));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.reason()).contains(SERVER).contains("refused");
        assertThat(failure.noAnswer()).isTrue();
    }

    @Test
    void refusedConnectionWrappedInAClientExceptionIsUnreachableWithoutAnswer() {
        Failure failure = classify(new KubernetesClientException(MESSAGE, new ConnectException(MESSAGE)));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.reason()).contains("refused");
        assertThat(failure.noAnswer()).isTrue();
    }

    @Test
    void noRouteToHostIsUnreachableWithoutAnswer() {
        Failure failure = classify(new NoRouteToHostException(MESSAGE));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.noAnswer()).isTrue();
    }

    @Test
    void connectionRefusedByBerthForADeniedNetworkSaysSoAndBlamesNoCluster() throws UnknownHostException {
        DeniedDestinationException denied = new DeniedDestinationException(
                new InetSocketAddress(InetAddress.getByName("169.254.169.254"), 443), Cidr.parse("169.254.0.0/16"));

        Failure failure = classify(new KubernetesClientException(MESSAGE, new IOException(MESSAGE, denied)));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.reason()).isEqualTo("Berth refused to connect for " + SERVER + ": 169.254.169.254 is in the"
                + " denied network 169.254.0.0/16 (setting berth.clusters.denied-networks)");
        assertThat(failure.noAnswer()).isTrue();
    }

    @Test
    void storedProxyWithoutConsentIsUnreachableSayingHowToGiveIt() {
        Failure failure = classify(new UnapprovedProxyException());

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.reason()).startsWith("Berth did not connect to " + SERVER + ": ")
                .contains("allowProxy: true").contains("PUT /api/v1/clusters/{name}/credentials");
    }

    @Test
    void unresolvedHostNameIsUnreachable() {
        Failure failure = classify(new UnknownHostException(MESSAGE));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.reason()).contains(SERVER).contains("could not be resolved");
    }

    static Stream<Throwable> timeouts() {
        return Stream.of(
                new TimeoutException(MESSAGE),
                new SocketTimeoutException(MESSAGE),
                new HttpConnectTimeoutException(MESSAGE),
                new KubernetesClientException(MESSAGE, new SocketTimeoutException(MESSAGE)),
                new CompletionException(MESSAGE, new TimeoutException(MESSAGE)));
    }

    @ParameterizedTest
    @MethodSource("timeouts")
    void timeoutsAreUnreachableWithoutAnswer(Throwable timeout) {
        Failure failure = classify(timeout);

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.reason()).contains(SERVER).contains("in time");
        assertThat(failure.noAnswer()).isTrue();
    }

    @Test
    void unknownExceptionIsUnreachableNamingOnlyTheSimpleClassName() {
        Failure failure = classify(new IllegalStateException(MESSAGE));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.reason())
                .isEqualTo("The call to " + SERVER + " failed (IllegalStateException)")
                .doesNotContain("java.lang");
        assertThat(failure.noAnswer()).isFalse();
    }

    @Test
    void unknownExceptionWithUnknownCausesIsNamedByTheOutermostType() {
        Failure failure = classify(new UncheckedIOException(MESSAGE, new IOException(MESSAGE)));

        assertThat(failure.reason()).isEqualTo("The call to " + SERVER + " failed (UncheckedIOException)");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 400, 404, 409, 429})
    void clientExceptionWithAnotherCodeAndNoKnownCauseIsUnreachableNamingTheType(int code) {
        Failure failure = classify(http(code));

        assertThat(failure.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(failure.reason()).isEqualTo("The call to " + SERVER + " failed (KubernetesClientException)");
    }

    static Stream<Throwable> everyKind() {
        return Stream.of(http(401), http(403), http(500), http(503), http(404),
                new SSLHandshakeException(MESSAGE), new CertificateException(MESSAGE),
                new ConnectException(MESSAGE), new UnknownHostException(MESSAGE), new TimeoutException(MESSAGE),
                new SocketTimeoutException(MESSAGE), new IllegalArgumentException(MESSAGE),
                new ExecutionException(MESSAGE, new RuntimeException(MESSAGE)),
                new KubernetesClientException(MESSAGE, new UnknownHostException(MESSAGE)));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void reasonNeverQuotesTheExceptionMessage(Throwable error) {
        Failure failure = FailureClassifier.classify(error, SERVER);

        assertThat(failure.reason())
                .isNotBlank()
                .doesNotContain(SECRET)
                .doesNotContain("s3cr3t")
                .doesNotContain("/version?")
                .doesNotContain("body");
    }

    @Test
    void causeCycleDoesNotHangClassification() {
        RuntimeException a = new RuntimeException("a");
        a.initCause(new IllegalStateException("b", a));

        Failure failure = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(1),
                () -> FailureClassifier.classify(a, SERVER));

        assertThat(failure.reason()).isEqualTo("The call to " + SERVER + " failed (RuntimeException)");
    }

    @Test
    void anonymousExceptionIsNamedByItsClassName() {
        Failure failure = FailureClassifier.classify(new RuntimeException(MESSAGE) { }, SERVER);

        assertThat(failure.reason()).doesNotEndWith("()").doesNotContain(SECRET);
    }
}
