package io.berth.cluster.internal.probe;

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
    private final ObjectProvider<ProbeListener> listeners;

    public ProbeService(ClusterClients clients, ClusterProbe probe, ProbeRecorder recorder, Clock clock,
                        ObjectProvider<ProbeListener> listeners) {
        this.clients = clients;
        this.probe = probe;
        this.recorder = recorder;
        this.clock = clock;
        this.listeners = listeners;
    }

    public ProbeResult probeAndRecord(ClusterEntity cluster) {
        long start = System.nanoTime();
        ProbeResult result;
        try {
            KubernetesClient client = clients.forCluster(cluster);
            result = probe.probe(client, cluster.getApiServerUrl());
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
            listeners.orderedStream().forEach(listener -> listener.probed(cluster.getName(), recorded, took));
        }
        return result;
    }
}
