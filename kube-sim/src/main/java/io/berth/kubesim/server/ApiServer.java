package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTPS endpoint of one simulated API server, on a loopback port with its own self-signed
 * certificate. Requests go to the {@link SimDispatcher} through fabric8's Vert.x request handler, which
 * reads bodies and upgrades WebSocket watches; kube-sim owns the server itself (rather than fabric8's
 * MockWebServer) so that it can also answer with a response that streams, as an HTTP watch does.
 */
public final class ApiServer implements AutoCloseable {

    /**
     * The java.util.logging logger that gets one INFO line per request (method, path, status). It is at
     * WARNING unless someone set its level first, as the standalone mode's {@code --verbose} does.
     */
    public static final String REQUEST_LOG = "io.berth.kubesim.requests";
    private static final Logger requests = quietUnlessSet(Logger.getLogger(REQUEST_LOG));

    // the subprotocols of the WebSocket watches and streams Kubernetes clients ask for
    private static final List<String> WEBSOCKET_PROTOCOLS =
            List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");

    private final Vertx vertx;
    private final HttpServer server;
    private final LocalhostCertificate certificate;

    private ApiServer(Vertx vertx, HttpServer server, LocalhostCertificate certificate) {
        this.vertx = vertx;
        this.server = server;
        this.certificate = certificate;
    }

    /** Starts a server on a free loopback port; it has a Vert.x instance of its own, closed with it. */
    public static ApiServer start(SimDispatcher dispatcher) {
        Vertx vertx = Vertx.vertx();
        LocalhostCertificate certificate = LocalhostCertificate.create();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(InetAddress.getLoopbackAddress().getHostAddress()).setPort(0)
                .setSsl(true).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate.certificatePem()))
                        .setKeyValue(Buffer.buffer(certificate.privateKeyPem())))
                .setWebSocketSubProtocols(WEBSOCKET_PROTOCOLS).setHandle100ContinueAutomatically(true);
        HttpServer server = vertx.createHttpServer(options).requestHandler(new Front(vertx, dispatcher));
        await(server.listen());
        return new ApiServer(vertx, server, certificate);
    }

    public int port() {
        return server.actualPort();
    }

    /** The server's certificate, which clients trust as the cluster's CA. */
    public String caPem() {
        return certificate.certificatePem();
    }

    @Override
    public void close() {
        try {
            await(server.close());
        } finally {
            await(vertx.close());
        }
    }

    private static Logger quietUnlessSet(Logger logger) {
        if (logger.getLevel() == null) {
            logger.setLevel(Level.WARNING);
        }
        return logger;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the simulated API server started or stopped", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the simulated API server could not start or stop", e);
        }
    }

    /** Every request: to the dispatcher through fabric8's handler. */
    private static final class Front implements Handler<HttpServerRequest> {

        private final HttpServerRequestHandler plain;

        Front(Vertx vertx, SimDispatcher dispatcher) {
            this.plain = new HttpServerRequestHandler(vertx) {
                @Override
                protected MockResponse onHttpRequest(RecordedRequest request) {
                    MockResponse response = dispatcher.dispatch(request);
                    if (requests.isLoggable(Level.INFO)) {
                        requests.info(request.getMethod() + " " + request.getPath() + " " + response.code());
                    }
                    return response;
                }
            };
        }

        @Override
        public void handle(HttpServerRequest request) {
            plain.handle(request);
        }
    }
}
