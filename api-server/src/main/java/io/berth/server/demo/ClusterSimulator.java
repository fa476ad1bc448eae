package io.berth.server.demo;

import java.nio.file.Path;
import java.util.Map;

/** Simulated Kubernetes clusters running inside this JVM, closed together. */
public interface ClusterSimulator extends AutoCloseable {

    /** Starts a cluster with its own HTTPS API server, certificate authority and token. */
    SimulatedCluster startCluster(String name);

    /**
     * Starts the simulator's control API (faults, pod deletion) on 127.0.0.1 and returns its URL.
     *
     * @param kubeconfigs where each cluster's kubeconfig was written, shown in the API's cluster listing
     */
    String startControlApi(Map<String, Path> kubeconfigs);

    /**
     * Starts an S3-compatible object store on 127.0.0.1 (objects in memory, as long as the simulator runs) with
     * a bucket of that name, where the simulated backup operators write.
     */
    SimulatedObjectStore startObjectStore(String bucket);

    /** Stops the control API, the object store and every cluster. */
    @Override
    void close();
}
