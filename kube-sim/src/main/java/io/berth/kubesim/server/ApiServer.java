package io.berth.kubesim.server;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
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
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * Nothing here blocks: a watch is a registration, not a thread.
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

    /**
     * Every request goes to the dispatcher: an HTTP watch (a GET with {@code watch=1} that is not a
     * WebSocket upgrade) here, because its answer streams; anything else through fabric8's handler.
     */
    private static final class Front implements Handler<HttpServerRequest> {

        private final Vertx vertx;
        private final SimDispatcher dispatcher;
        private final HttpServerRequestHandler plain;

        Front(Vertx vertx, SimDispatcher dispatcher) {
            this.vertx = vertx;
            this.dispatcher = dispatcher;
            this.plain = new HttpServerRequestHandler(vertx) {
                @Override
                protected MockResponse onHttpRequest(RecordedRequest request) {
                    return dispatch(request);
                }
            };
        }

        @Override
        public void handle(HttpServerRequest request) {
            if (request.method() == io.vertx.core.http.HttpMethod.GET && !isWebSocketUpgrade(request)
                    && WatchQuery.isWatch(ApiPath.parse(request.uri()))) {
                stream(request);
            } else {
                plain.handle(request);
            }
        }

        private MockResponse dispatch(RecordedRequest request) {
            MockResponse response = dispatcher.dispatch(request);
            if (requests.isLoggable(Level.INFO)) {
                requests.info(request.getMethod() + " " + request.getPath() + " " + response.code());
            }
            return response;
        }

        private void stream(HttpServerRequest request) {
            request.resume();
            MockResponse answer = dispatch(new RecordedRequest(request.version().alpnName().toUpperCase(Locale.ROOT), HttpMethod.GET,
                    request.uri(), Headers.builder().addAll(request.headers()).build(), new io.fabric8.mockwebserver.http.Buffer()));
            HttpServerResponse response = request.response();
            if (!(answer instanceof StreamingResponse streaming)) {
                send(response, answer); // refused: a fault, a bad parameter, no such resource
                return;
            }
            Duration delay = answer.getBodyDelay();
            if (delay != null && !delay.isZero()) {
                vertx.setTimer(delay.toMillis(), id -> open(response, streaming));
            } else {
                open(response, streaming);
            }
        }

        private static void open(HttpServerResponse response, StreamingResponse streaming) {
            if (response.closed()) {
                return;
            }
            response.setStatusCode(streaming.code()).setChunked(true);
            streaming.getHeaders().toMultimap().forEach((name, values) -> response.headers().add(name, values));
            response.writeHead();
            AutoCloseable watch = streaming.open(new HttpWatchStream(response));
            // for HTTP/2 when the stream is reset or the connection lost, for HTTP/1.1 when the connection closes
            response.closeHandler(v -> closeQuietly(watch));
            response.exceptionHandler(e -> closeQuietly(watch));
        }

        private static void send(HttpServerResponse response, MockResponse answer) {
            response.setStatusCode(answer.code());
            answer.getHeaders().toMultimap().forEach((name, values) -> response.headers().add(name, values));
            Buffer body = answer.getBody() == null ? Buffer.buffer() : Buffer.buffer(answer.getBody().getBytes());
            response.end(body);
        }

        private static boolean isWebSocketUpgrade(HttpServerRequest request) {
            String upgrade = request.getHeader("Upgrade");
            return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
        }

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the client is gone anyway
            }
        }
    }
}
