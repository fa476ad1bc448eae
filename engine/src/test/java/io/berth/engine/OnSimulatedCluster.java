package io.berth.engine;

import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the deploy tests: one simulated cluster per test class, reached by {@link #berth} as Berth
 * reaches a cluster (through its kubeconfig and faults), and looked at through {@link #cluster}.
 */
@SimulatedClusters(count = 1, readinessDelayMillis = 20)
public abstract class OnSimulatedCluster {

    protected SimulatedCluster cluster;
    protected KubernetesClient berth;

    @BeforeEach
    protected void connect(SimulatedCluster cluster) {
        this.cluster = cluster;
        berth = cluster.outsideClient();
    }

    @AfterEach
    protected void disconnect() {
        cluster.faults().clear();
        berth.close();
    }
}
