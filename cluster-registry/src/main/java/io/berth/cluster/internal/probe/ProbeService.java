package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterRegistrySettings;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ProbeListener;
import io.berth.cluster.ProbeResult;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.client.ClusterClients;
import io.berth.cluster.internal.client.UnapprovedProxyException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Probes one cluster with its cached client and records what it found. */
@Component
public class ProbeService {

    private static final Logger log = LoggerFactory.getLogger(ProbeService.class);

    private final ClusterClients clients;
    private final ClusterProbe probe;
    private final ProbeRecorder recorder;
    private final Clock clock;
    private final KnownVersions knownVersions;
    private final ObjectProvider<ProbeListener> listenerBeans;
    // Resolved at the first probe, not at construction: a listener may depend on the registry, which
    // depends on this service. Not at every probe either: looking the beans up cost a probe about as
    // much CPU as recording it (profile of an idle registry, docs/benchmarks.md).
    private volatile List<ProbeListener> listeners;

    public ProbeService(ClusterClients clients, ClusterProbe probe, ProbeRecorder recorder, Clock clock,
                        ObjectProvider<ProbeListener> listeners, ClusterRegistrySettings settings) {
        this.clients = clients;
        this.probe = probe;
        this.recorder = recorder;
        this.clock = clock;
        this.knownVersions = new KnownVersions(settings.versionRefresh(), System::nanoTime);
        this.listenerBeans = listeners;
    }

    /** A probe asked for (registration, new credentials, a user): everything is asked of the cluster. */
    public ProbeResult probeAndRecord(ClusterEntity cluster) {
        return probeAndRecord(cluster, null);
    }

    /**
     * A probe of the background rounds: the server's version is asked only when this replica did not
     * read it lately ({@link KnownVersions}); otherwise the recorded version stands.
     */
    public ProbeResult probeRoutinely(ClusterEntity cluster) {
        return probeAndRecord(cluster, knownVersions.reusable(cluster).orElse(null));
    }

    /** Forgets what the background rounds knew of a cluster that is gone. */
    public void forget(UUID clusterId) {
        knownVersions.forget(clusterId);
    }

    private ProbeResult probeAndRecord(ClusterEntity cluster, String recordedVersion) {
        long start = System.nanoTime();
        ProbeResult result;
        try {
            KubernetesClient client = clients.forCluster(cluster);
            result = probe.probe(client, cluster.getApiServerUrl(), recordedVersion);
        } catch (UnapprovedProxyException e) {
            FailureClassifier.Failure failure = FailureClassifier.classify(e, cluster.getApiServerUrl());
            result = new ProbeResult(failure.status(), failure.reason(), null, null, Instant.now(clock));
        } catch (RuntimeException e) {
            // The client could not even be built (for example the stored credentials cannot be
            // decrypted with the configured keys). Only the type is logged: messages may quote config.
            log.warn("Cluster {} could not be probed: {}", cluster.getName(), e.getClass().getSimpleName());
            result = new ProbeResult(ClusterStatus.Unreachable,
                    "Berth could not build a client for this cluster (" + e.getClass().getSimpleName() + ")", null, null,
                    Instant.now(clock));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (recorder.record(cluster, result)) {
            ProbeResult recorded = result;
            listeners().forEach(listener -> listener.probed(cluster.getName(), recorded, took));
        }
        knownVersions.probed(cluster, result, recordedVersion == null);
        return result;
    }

    private List<ProbeListener> listeners() {
        List<ProbeListener> resolved = listeners;
        if (resolved == null) {
            resolved = listenerBeans.orderedStream().toList();
            listeners = resolved;
        }
        return resolved;
    }
}
