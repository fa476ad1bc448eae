package io.berth.kubesim;

import java.time.Duration;

/**
 * How the simulated clusters behave.
 *
 * @param readinessDelay             how long a new pod takes to become Running and Ready
 * @param crashLoopImageSuffix       a container image ending like this never becomes Ready (CrashLoopBackOff)
 * @param missingImageSuffix         a container image ending like this cannot be pulled (ImagePullBackOff)
 * @param nodes                      how many nodes each cluster has (sim-node-1 ...)
 * @param gitVersion                 the Kubernetes version the clusters report
 * @param etcdOperatorNeedsDeployment whether the etcd operator acts only while a ready Deployment named
 *                                   {@code etcd-operator} exists in the EtcdCluster's namespace
 */
public record SimulatorSettings(Duration readinessDelay, String crashLoopImageSuffix, String missingImageSuffix,
                                int nodes, String gitVersion, boolean etcdOperatorNeedsDeployment) {

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(Duration.ofMillis(200), ":crashloop", ":missing", 3, "v1.31.4", false);
    }

    public SimulatorSettings withReadinessDelay(Duration delay) {
        return new SimulatorSettings(delay, crashLoopImageSuffix, missingImageSuffix, nodes, gitVersion, etcdOperatorNeedsDeployment);
    }

    public SimulatorSettings withEtcdOperatorNeedsDeployment(boolean needed) {
        return new SimulatorSettings(readinessDelay, crashLoopImageSuffix, missingImageSuffix, nodes, gitVersion, needed);
    }
}
