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

    /**
     * The first request asks for one node: an API server then says how many remain
     * ({@code remainingItemCount}), so a probe of a cluster with thousands of nodes reads one, not a page
     * of them every interval.
     */
    private static final long FIRST_NODE_PAGE = 1;
    /** Where a server does not say how many remain, the rest is listed this many per request. */
    private static final long NODE_PAGE = 500;
    /** Enough pages for 50,000 nodes; the probe deadline bounds the time anyway. */
    private static final int MAX_NODE_PAGES = 101;

    private final ClusterRegistrySettings settings;
    private final Clock clock;
    // The calls run here so that the caller gets its answer at the deadline even when a client call
    // ignores its own time-outs; the call itself is interrupted then.
    private final ExecutorService calls = Executors.newCachedThreadPool(daemonThreads());

    public ClusterProbe(ClusterRegistrySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public ProbeResult probe(KubernetesClient client, String server) {
        return probe(client, server, null);
    }

    /**
     * A probe that does not ask for the server's version when {@code recordedVersion} is given: the node
     * list alone shows that the server answers and takes the credentials ({@code /version} is open to
     * anonymous callers on most clusters anyway). The reason names the recorded version; the result
     * carries none, since none was read, so recording it leaves the version as it is.
     */
    public ProbeResult probe(KubernetesClient client, String server, String recordedVersion) {
        // submit() returns a FutureTask, whose cancel(true) interrupts the call's thread at the deadline.
        Future<ProbeResult> call = calls.submit(() -> ask(client, recordedVersion));
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

    private ProbeResult ask(KubernetesClient client, String recordedVersion) {
        String version = recordedVersion != null ? null : versionText(client.getKubernetesVersion());
        String named = recordedVersion != null ? recordedVersion : version;
        int nodeCount = countNodes(client);
        return new ProbeResult(ClusterStatus.Ready, "The API server answered: "
                + (named == null ? "version unknown" : named) + ", " + nodeCount + " node(s)",
                version, nodeCount, Instant.now(clock));
    }

    /**
     * Counts nodes: one is asked for, and when the server says how many items remain, that is used
     * instead of reading them; otherwise the pages are followed through their continue tokens.
     */
    private static int countNodes(KubernetesClient client) {
        int count = 0;
        String continueToken = null;
        for (int page = 0; page < MAX_NODE_PAGES; page++) {
            long limit = page == 0 ? FIRST_NODE_PAGE : NODE_PAGE;
            NodeList nodes = client.nodes().list(new ListOptionsBuilder().withLimit(limit).withContinue(continueToken).build());
            count += nodes.getItems().size();
            Long remaining = nodes.getMetadata() == null ? null : nodes.getMetadata().getRemainingItemCount();
            continueToken = nodes.getMetadata() == null ? null : nodes.getMetadata().getContinue();
            if (remaining != null) {
                return count + remaining.intValue();
            }
            if (continueToken == null || continueToken.isEmpty()) {
                return count;
            }
        }
        return count;
    }

    /** The server's git version (v1.31.4), or major.minor when a server leaves that out. */
    private static String versionText(VersionInfo version) {
        if (version == null) {
            return null;
        }
        if (version.getGitVersion() != null && !version.getGitVersion().isBlank()) {
            return version.getGitVersion();
        }
        if (version.getMajor() == null || version.getMajor().isBlank()) {
            return null;
        }
        return version.getMajor() + "." + (version.getMinor() == null ? "?" : version.getMinor());
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
