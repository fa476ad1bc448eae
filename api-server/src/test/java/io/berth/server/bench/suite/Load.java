package io.berth.server.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Closed-loop HTTP load: {@code clients} threads each send one request, wait for its answer, and send
 * the next, for a while; every answer must be 200 (anything else ends the run with an error, so a
 * figure can never be made of refusals). Requests go over kept-alive HTTP/1.1 connections of one client.
 */
public final class Load {

    /** Requests per second, and the latency of each request in milliseconds. */
    public record Result(double perSecond, List<Double> latenciesMillis) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String token;

    public Load(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    /**
     * Runs {@code clients} loops for {@code duration}; request {@code n} of a client goes to
     * {@code path.apply(n)} (so that reads spread over many records).
     */
    public Result run(int clients, Duration duration, IntFunction<String> path) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Double>>> loops = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int offset = c * 7919; // clients start on different records
                loops.add(pool.submit(() -> loop(end, n -> path.apply(offset + n))));
            }
            List<Double> latencies = new ArrayList<>();
            for (Future<List<Double>> loop : loops) {
                latencies.addAll(loop.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(latencies.size() / seconds, latencies);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Double> loop(long end, IntFunction<String> path) throws IOException, InterruptedException {
        List<Double> latencies = new ArrayList<>();
        for (int n = 0; System.nanoTime() < end; n++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path.apply(n)))
                    .header("Authorization", "Bearer " + token).GET().build();
            long sent = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            latencies.add((System.nanoTime() - sent) / 1e6);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri().getPath() + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return latencies;
    }
}
