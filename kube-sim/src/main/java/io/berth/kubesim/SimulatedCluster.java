package io.berth.kubesim;

import io.berth.kubesim.controllers.ControllerSet;
import io.berth.kubesim.controllers.EtcdData;
import io.berth.kubesim.controllers.EventRecorder;
import io.berth.kubesim.controllers.InitContainerWork;
import io.berth.kubesim.controllers.ReconcileQueue;
import io.berth.kubesim.controllers.SimContext;
import io.berth.kubesim.controllers.StandardControllers;
import io.berth.kubesim.server.ApiServer;
import io.berth.kubesim.server.FaultState;
import io.berth.kubesim.server.SimDispatcher;
import io.berth.kubesim.server.TcpGate;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated Kubernetes cluster: fabric8's CRUD store behind kube-sim's HTTPS API server on a loopback port, behind a
 * {@link TcpGate} (for the unreachable fault), requiring a bearer token, with the simulated
 * controllers running against it. Start clusters through {@link KubeSim}.
 */
public final class SimulatedCluster implements AutoCloseable {

    private final String name;
    private final String token;
    private final String caPem;
    private final ApiServer server;
    private final SimDispatcher dispatcher;
    private final TcpGate gate;
    private final KubernetesClient internal;
    private final ReconcileQueue queue;
    private final EventRecorder events;
    private final Faults faults;
    private final EtcdData etcdData;

    private SimulatedCluster(String name, String token, String caPem, ApiServer server, SimDispatcher dispatcher, TcpGate gate,
                             KubernetesClient internal, ReconcileQueue queue, EventRecorder events, FaultState faultState,
                             EtcdData etcdData) {
        this.name = name;
        this.token = token;
        this.caPem = caPem;
        this.server = server;
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.internal = internal;
        this.queue = queue;
        this.events = events;
        this.faults = new Faults(gate, faultState, internal);
        this.etcdData = etcdData;
    }

    static SimulatedCluster start(String name, SimulatorSettings settings, ScheduledExecutorService executor,
                                  HttpClient.Factory httpClients, KubernetesSerialization serialization) {
        String token = randomToken();
        String internalToken = randomToken();
        FaultState faultState = new FaultState();
        SimDispatcher dispatcher = new SimDispatcher(settings.gitVersion(), token, internalToken, faultState, executor);
        ApiServer server = ApiServer.start(dispatcher);
        String caPem = server.caPem();
        TcpGate gate = new TcpGate(server.port());
        gate.open();

        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://localhost:" + server.port())
                .withCaCertData(base64(caPem)).withOauthToken(internalToken).withRequestRetryBackoffLimit(0).build();
        KubernetesClient internal = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(httpClients)
                .withKubernetesSerialization(serialization).build();

        AtomicReference<ControllerSet> controllers = new AtomicReference<>();
        ReconcileQueue queue = new ReconcileQueue(executor, key -> controllers.get().reconcile(key));
        List<String> nodes = createNodes(internal, settings.nodes());
        EventRecorder events = new EventRecorder(internal, executor);
        EtcdData etcdData = new EtcdData();
        SimContext context = new SimContext(internal, queue, settings, nodes, events, etcdData, new InitContainerWork());
        controllers.set(new ControllerSet(queue, StandardControllers.create(context)));
        dispatcher.addListener(controllers.get());
        return new SimulatedCluster(name, token, caPem, server, dispatcher, gate, internal, queue, events, faultState, etcdData);
    }

    public String name() {
        return name;
    }

    /** The API server's URL as outside callers reach it (through the gate). */
    public String url() {
        return "https://localhost:" + gate.port();
    }

    /** A kubeconfig with inline data only: the CA certificate and a bearer token. */
    public String kubeconfig() {
        return kubeconfig(token);
    }

    /** The same kubeconfig with another token (which the server refuses). */
    public String kubeconfig(String withToken) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    certificate-authority-data: %3$s
                users:
                - name: %1$s-admin
                  user:
                    token: %4$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-admin
                current-context: %1$s
                """.formatted(name, url(), base64(caPem), withToken);
    }

    public void writeKubeconfig(Path file) {
        try {
            Files.writeString(file, kubeconfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new client that reaches the cluster as an outside caller such as Berth does: from
     * {@link #kubeconfig()}, through the gate, with the token, subject to the faults, and without the
     * client's own retries (so that a fault shows at once). The caller closes it.
     */
    public KubernetesClient outsideClient() {
        Config config = Config.fromKubeconfig(kubeconfig());
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * How many requests outside callers (kubeconfig clients, Berth) made so far, refused ones included; a
     * watch counts once, when it is opened. For tests and benchmarks that compare how much two callers ask.
     */
    public long outsideRequests() {
        return dispatcher.outsideRequests();
    }

    /** How many watches the API server holds open now (HTTP and WebSocket): each is freed when its client hangs up. */
    public int openWatches() {
        return dispatcher.openWatches();
    }

    public Faults faults() {
        return faults;
    }

    /** What this cluster's simulated etcd clusters hold: tests write keys here, as an application would. */
    public EtcdData etcdData() {
        return etcdData;
    }

    /**
     * A client for tests that reaches the cluster as its controllers do: past the faults and the
     * token check. Use it to look at or arrange state; use {@link #kubeconfig()} to act as Berth does.
     */
    public KubernetesClient client() {
        return internal;
    }

    @Override
    public void close() {
        queue.stop();
        events.stop();
        internal.close();
        gate.close();
        server.close();
    }

    private static List<String> createNodes(KubernetesClient client, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String node = "sim-node-" + i;
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
                    .addToLabels("kubernetes.io/hostname", node).endMetadata()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
            names.add(node);
        }
        return List.copyOf(names);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "sim_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
