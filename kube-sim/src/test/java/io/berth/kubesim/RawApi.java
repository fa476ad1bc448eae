package io.berth.kubesim;

import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Plain HTTPS requests to a simulated cluster with the JDK's client, trusting the kubeconfig's CA and
 * sending its token: for what a client library would hide (status codes, streams, headers).
 */
final class RawApi {

    private final HttpClient http;
    private final String url;
    private final String token;

    private RawApi(HttpClient http, String url, String token) {
        this.http = http;
        this.url = url;
        this.token = token;
    }

    static RawApi of(SimulatedCluster cluster) {
        return of(cluster, HttpClient.Version.HTTP_2);
    }

    static RawApi of(SimulatedCluster cluster, HttpClient.Version version) {
        Config config = Config.fromKubeconfig(cluster.kubeconfig());
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(config.getCaCertData()))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, factory.getTrustManagers(), null);
            HttpClient http = HttpClient.newBuilder().sslContext(tls).version(version).connectTimeout(Duration.ofSeconds(10)).build();
            String token = config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken();
            return new RawApi(http, cluster.url(), token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    HttpResponse<String> get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = request(path);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A response whose body is read line by line as it arrives, as a watch's is; close the stream to hang up. */
    HttpResponse<Stream<String>> stream(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofLines());
    }

    HttpResponse<Stream<String>> stream(String path, String accept) {
        return send(request(path).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofLines());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }
}
