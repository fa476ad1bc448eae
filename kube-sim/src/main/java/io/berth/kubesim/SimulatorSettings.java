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
 * @param crashLoopBackOff           the kubelet's first restart back-off for a crash-looping container (10 s on a
 *                                   real node); it doubles at each restart up to 30 times this (5 min)
 */
public record SimulatorSettings(Duration readinessDelay, String crashLoopImageSuffix, String missingImageSuffix,
                                int nodes, String gitVersion, boolean etcdOperatorNeedsDeployment, Duration crashLoopBackOff) {

    public SimulatorSettings {
        if (crashLoopBackOff.isNegative() || crashLoopBackOff.isZero()) {
            throw new IllegalArgumentException("the crash-loop back-off must be positive");
        }
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(Duration.ofMillis(200), ":crashloop", ":missing", 3, "v1.31.4", false, Duration.ofSeconds(10));
    }

    public SimulatorSettings withReadinessDelay(Duration delay) {
        return new SimulatorSettings(delay, crashLoopImageSuffix, missingImageSuffix, nodes, gitVersion, etcdOperatorNeedsDeployment,
                crashLoopBackOff);
    }

    public SimulatorSettings withEtcdOperatorNeedsDeployment(boolean needed) {
        return new SimulatorSettings(readinessDelay, crashLoopImageSuffix, missingImageSuffix, nodes, gitVersion, needed, crashLoopBackOff);
    }

    /** Scales the kubelet's restart back-off, so that tests see restarts without waiting ten seconds for the first. */
    public SimulatorSettings withCrashLoopBackOff(Duration initial) {
        return new SimulatorSettings(readinessDelay, crashLoopImageSuffix, missingImageSuffix, nodes, gitVersion, etcdOperatorNeedsDeployment,
                initial);
    }
}
