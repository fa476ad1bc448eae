package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterRegistrySettings;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ProbeResult;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Asks a cluster for its version and node count, within the probe time-out. Pure I/O and
 * classification: recording the result is {@link ProbeRecorder}'s job.
 */
@Component
public class ClusterProbe implements DisposableBean {

    /** Counting nodes pages through at most this many per request. */
    private static final long NODE_PAGE = 500;

    private final ClusterRegistrySettings settings;
    private final Clock clock;
    // The calls run here so that the deadline holds even when a client call ignores its own time-outs.
    private final ExecutorService calls = Executors.newCachedThreadPool(daemonThreads());

    public ClusterProbe(ClusterRegistrySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public ProbeResult probe(KubernetesClient client, String server) {
        Future<ProbeResult> call = CompletableFuture.supplyAsync(() -> ask(client), calls);
        try {
            return call.get(settings.probeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return failed(new TimeoutException("probe deadline"), server);
        } catch (ExecutionException e) {
            return failed(e.getCause(), server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(e, server);
        }
    }

    private ProbeResult ask(KubernetesClient client) {
        VersionInfo version = client.getKubernetesVersion();
        NodeList nodes = client.nodes().list(new ListOptionsBuilder().withLimit(NODE_PAGE).build());
        Long remaining = nodes.getMetadata() == null ? null : nodes.getMetadata().getRemainingItemCount();
        int nodeCount = nodes.getItems().size() + (remaining == null ? 0 : remaining.intValue());
        String gitVersion = versionText(version);
        return new ProbeResult(ClusterStatus.Ready, "The API server answered: " + gitVersion + ", " + nodeCount + " node(s)",
                gitVersion, nodeCount, Instant.now(clock));
    }

    /** The server's git version (v1.31.4), or major.minor when a server leaves that out. */
    private static String versionText(VersionInfo version) {
        if (version == null || version.getMajor() == null && version.getGitVersion() == null) {
            return null;
        }
        if (version.getGitVersion() != null && !version.getGitVersion().isBlank()) {
            return version.getGitVersion();
        }
        return version.getMajor() + "." + version.getMinor();
    }

    private ProbeResult failed(Throwable error, String server) {
        FailureClassifier.Failure failure = FailureClassifier.classify(error, server);
        String reason = failure.reason();
        if (error instanceof TimeoutException) {
            reason = "No answer from " + server + " within " + settings.probeTimeout().toMillis() + " ms";
        }
        return new ProbeResult(failure.status(), reason, null, null, Instant.now(clock));
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "cluster-probe-call");
            thread.setDaemon(true);
            return thread;
        };
    }
}
