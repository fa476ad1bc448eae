package io.berth.engine.health;

import io.berth.engine.ClusterErrors;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * A wait ended because the cluster stopped answering: not the workloads' fault, and worth another
 * attempt (the cluster may come back), unlike a {@link NotReadyException}.
 */
public class ClusterSilentException extends RuntimeException {

    public ClusterSilentException(Duration silence, int workloads, KubernetesClientException lastFailure) {
        super("The cluster did not answer for " + silence.toSeconds() + "s while waiting for " + workloads
                + " workload(s) to be ready: " + ClusterErrors.explain(lastFailure), lastFailure);
    }
}
