package io.berth.server.demo.sim;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.demo.ClusterSimulator;
import io.berth.server.demo.SimulatorFactory;
import java.time.Duration;

/** The demo's simulator is kube-sim. Registered in {@code META-INF/services}; never referred to by name. */
public final class KubeSimFactory implements SimulatorFactory {

    @Override
    public ClusterSimulator start(Duration readinessDelay) {
        return new KubeSimClusters(new KubeSim(SimulatorSettings.defaults().withReadinessDelay(readinessDelay)));
    }
}
