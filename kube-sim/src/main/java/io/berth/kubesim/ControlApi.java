package io.berth.kubesim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.kubesim.controllers.EtcdData;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small HTTP API on 127.0.0.1 for putting the clusters of a running {@link KubeSim} into faults from
 * outside the JVM (the standalone mode). Every change is a {@code POST}; answers are JSON.
 *
 * <pre>
 * GET  /clusters                                          every cluster: name, URL, kubeconfig, faults, nodes
 * GET  /clusters/{name}                                   one cluster
 * POST /clusters/{name}/unreachable                       connections refused, open ones cut
 * POST /clusters/{name}/reachable
 * POST /clusters/{name}/unauthorized?value=true|false     every request answered 401 (value defaults to true)
 * POST /clusters/{name}/latency?ms=500                    every answer delayed (0 takes it away)
 * POST /clusters/{name}/failing-share?value=0.3           this share of requests answered 500
 * POST /clusters/{name}/clear                             every fault taken away (node readiness stays)
 * POST /clusters/{name}/pods/{namespace}/{pod}/delete     the pod dies; its controller recreates it
 * POST /clusters/{name}/nodes/{node}/ready?value=false    the node becomes NotReady (or Ready again)
 * GET  /clusters/{name}/etcd/{namespace}/{etcdcluster}/keys                 what the EtcdCluster holds: revision and keys
 * POST /clusters/{name}/etcd/{namespace}/{etcdcluster}/keys?key=..&value=.. writes a key; answers the same
 * </pre>
 *
 * Errors are answered with a status code and {@code {"error": "..."}}: 404 for an unknown cluster, pod
 * or node, 400 for a bad value, 405 for a wrong method.
 */
public final class ControlApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlApi.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KubeSim sim;
    private final Map<String, Path> kubeconfigs;
    private final HttpServer server;
    private final ExecutorService executor;

    private ControlApi(KubeSim sim, Map<String, Path> kubeconfigs, HttpServer server, ExecutorService executor) {
        this.sim = sim;
        this.kubeconfigs = Map.copyOf(kubeconfigs);
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the API on 127.0.0.1.
     *
     * @param port        0 for a free port
     * @param kubeconfigs where each cluster's kubeconfig was written, by cluster name, to show in the listing (may be empty)
     */
    public static ControlApi start(KubeSim sim, int port, Map<String, Path> kubeconfigs) {
        // The JDK's server writes headers and body apart; without TCP_NODELAY every answer waits some
        // 40 ms for the client's delayed ACK. The property is read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1:" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "kube-sim-control");
            thread.setDaemon(true);
            return thread;
        });
        ControlApi api = new ControlApi(sim, kubeconfigs, server, executor);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        query(exchange.getRequestURI().getRawQuery()));
            } catch (BadRequest e) {
                answer = error(e.code, e.getMessage());
            } catch (KubernetesClientException e) {
                answer = error(e.getCode() == 404 ? 404 : 500, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("control request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                answer = error(500, e.toString());
            }
            byte[] body = (answer.body() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.code(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Answer route(String method, String rawPath, Map<String, String> query) {
        List<String> parts = Arrays.stream(rawPath.split("/")).filter(p -> !p.isEmpty())
                .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
        if (parts.isEmpty() || !parts.get(0).equals("clusters")) {
            throw new BadRequest(404, "no such path; try GET /clusters");
        }
        if (parts.size() == 1) {
            requireMethod(method, "GET");
            ArrayNode clusters = JSON.createArrayNode();
            sim.clusters().forEach(c -> clusters.add(describe(c)));
            return new Answer(200, clusters.toString());
        }
        SimulatedCluster cluster = sim.clusters().stream().filter(c -> c.name().equals(parts.get(1))).findFirst()
                .orElseThrow(() -> new BadRequest(404, "no cluster named " + parts.get(1)));
        if (parts.size() == 2) {
            requireMethod(method, "GET");
            return new Answer(200, describe(cluster).toString());
        }
        List<String> rest = parts.subList(2, parts.size());
        if (method.equals("GET") && rest.size() == 4 && rest.get(0).equals("etcd") && rest.get(3).equals("keys")) {
            return etcdKeys(cluster, rest.get(1), rest.get(2));
        }
        requireMethod(method, "POST");
        Faults faults = cluster.faults();
        switch (String.join("/", rest.size() > 1 ? List.of(rest.get(0), "*") : rest)) {
            case "unreachable" -> faults.unreachable();
            case "reachable" -> faults.reachable();
            case "clear" -> faults.clear();
            case "unauthorized" -> faults.unauthorized(booleanParameter(query, "value", true));
            case "latency" -> faults.latency(Duration.ofMillis(longParameter(query, "ms")));
            case "failing-share" -> faults.failingShare(shareParameter(query, "value"));
            case "pods/*" -> {
                if (rest.size() != 4 || !rest.get(3).equals("delete")) {
                    throw new BadRequest(404, "use POST /clusters/{name}/pods/{namespace}/{pod}/delete");
                }
                if (cluster.client().pods().inNamespace(rest.get(1)).withName(rest.get(2)).get() == null) {
                    throw new BadRequest(404, "no pod " + rest.get(1) + "/" + rest.get(2) + " in " + cluster.name());
                }
                faults.deletePod(rest.get(1), rest.get(2));
            }
            case "nodes/*" -> {
                if (rest.size() != 3 || !rest.get(2).equals("ready")) {
                    throw new BadRequest(404, "use POST /clusters/{name}/nodes/{node}/ready?value=true|false");
                }
                if (cluster.client().nodes().withName(rest.get(1)).get() == null) {
                    throw new BadRequest(404, "no node " + rest.get(1) + " in " + cluster.name());
                }
                faults.nodeReady(rest.get(1), booleanParameter(query, "value", true));
            }
            case "etcd/*" -> {
                if (rest.size() != 4 || !rest.get(3).equals("keys")) {
                    throw new BadRequest(404, "use POST /clusters/{name}/etcd/{namespace}/{etcdcluster}/keys?key=...&value=...");
                }
                String key = query.get("key");
                if (key == null || key.isEmpty()) {
                    throw new BadRequest(400, "say which key to write: ?key=...&value=...");
                }
                cluster.etcdData().put(rest.get(1), rest.get(2), key, query.getOrDefault("value", ""));
                return etcdKeys(cluster, rest.get(1), rest.get(2));
            }
            default -> throw new BadRequest(404, "no such action: " + String.join("/", rest));
        }
        return new Answer(200, describe(cluster).toString());
    }

    /** What a simulated EtcdCluster holds: {@code {"revision": n, "keys": {...}}}, the keys in key order. */
    private static Answer etcdKeys(SimulatedCluster cluster, String namespace, String etcdCluster) {
        EtcdData.Snapshot now = cluster.etcdData().snapshot(namespace, etcdCluster);
        ObjectNode out = JSON.createObjectNode().put("revision", now.revision());
        ObjectNode keys = out.putObject("keys");
        now.keys().forEach(keys::put);
        return new Answer(200, out.toString());
    }

    private ObjectNode describe(SimulatedCluster cluster) {
        ObjectNode out = JSON.createObjectNode().put("name", cluster.name()).put("url", cluster.url());
        Path kubeconfig = kubeconfigs.get(cluster.name());
        if (kubeconfig != null) {
            out.put("kubeconfig", kubeconfig.toString());
        }
        Faults faults = cluster.faults();
        out.put("reachable", faults.isReachable()).put("unauthorized", faults.isUnauthorized())
                .put("latencyMs", faults.latency().toMillis()).put("failingShare", faults.failingShare());
        ArrayNode nodes = out.putArray("nodes");
        List<Node> sorted = cluster.client().nodes().list().getItems().stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
        for (Node node : sorted) {
            boolean ready = node.getStatus() != null && node.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            nodes.addObject().put("name", node.getMetadata().getName()).put("ready", ready);
        }
        return out;
    }

    private static void requireMethod(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new BadRequest(405, "use " + expected);
        }
    }

    private static boolean booleanParameter(Map<String, String> query, String name, boolean absent) {
        String value = query.get(name);
        if (value == null) {
            return absent;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequest(400, name + " must be true or false");
        };
    }

    private static long longParameter(Map<String, String> query, String name) {
        try {
            long value = Long.parseLong(required(query, name));
            if (value < 0) {
                throw new BadRequest(400, name + " must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequest(400, name + " must be a whole number");
        }
    }

    private static double shareParameter(Map<String, String> query, String name) {
        try {
            double value = Double.parseDouble(required(query, name));
            if (!(value >= 0 && value <= 1)) {
                throw new BadRequest(400, name + " must be between 0 and 1");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequest(400, name + " must be a number between 0 and 1");
        }
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw new BadRequest(400, "the query parameter " + name + " is required");
        }
        return value;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Answer error(int code, String message) {
        return new Answer(code, JSON.createObjectNode().put("error", message).toString());
    }

    private record Answer(int code, String body) {
    }

    private static final class BadRequest extends RuntimeException {

        private final int code;

        BadRequest(int code, String message) {
            super(message);
            this.code = code;
        }
    }
}
