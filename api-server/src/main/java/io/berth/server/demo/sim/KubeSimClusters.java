package io.berth.server.demo.sim;

import io.berth.kubesim.ControlApi;
import io.berth.kubesim.KubeSim;
import io.berth.server.demo.ClusterSimulator;
import io.berth.server.demo.SimulatedCluster;
import io.berth.server.demo.SimulatedObjectStore;
import java.nio.file.Path;
import java.util.Map;

/** kube-sim's clusters and its control API behind the demo's {@link ClusterSimulator}. */
final class KubeSimClusters implements ClusterSimulator {

    private final KubeSim sim;
    private ControlApi control;
    private io.berth.kubesim.storage.SimulatedObjectStore store;

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
    public synchronized SimulatedObjectStore startObjectStore(String bucket) {
        if (store == null) {
            store = io.berth.kubesim.storage.SimulatedObjectStore.start();
            store.createBucket(bucket);
        }
        return new SimulatedObjectStore(store.endpoint().toString(), bucket, store.accessKey(), store.secretKey());
    }

    @Override
    public synchronized void close() {
        if (control != null) {
            control.close();
        }
        if (store != null) {
            store.close();
        }
        sim.close();
    }
}
