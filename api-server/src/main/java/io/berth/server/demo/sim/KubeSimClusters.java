package io.berth.server.demo.sim;

import io.berth.kubesim.ControlApi;
import io.berth.kubesim.KubeSim;
import io.berth.server.demo.ClusterSimulator;
import io.berth.server.demo.SimulatedCluster;
import java.nio.file.Path;
import java.util.Map;

/** kube-sim's clusters and its control API behind the demo's {@link ClusterSimulator}. */
final class KubeSimClusters implements ClusterSimulator {

    private final KubeSim sim;
    private ControlApi control;

    KubeSimClusters(KubeSim sim) {
        this.sim = sim;
    }

    @Override
    public SimulatedCluster startCluster(String name) {
        io.berth.kubesim.SimulatedCluster cluster = sim.startCluster(name);
        return new SimulatedCluster(cluster.name(), cluster.url(), cluster.kubeconfig());
    }

    @Override
    public synchronized String startControlApi(Map<String, Path> kubeconfigs) {
        if (control == null) {
            control = ControlApi.start(sim, 0, kubeconfigs);
        }
        return control.url();
    }

    @Override
    public synchronized void close() {
        if (control != null) {
            control.close();
        }
        sim.close();
    }
}
