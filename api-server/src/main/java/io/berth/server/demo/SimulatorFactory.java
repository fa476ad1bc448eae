package io.berth.server.demo;

import java.time.Duration;

/**
 * What the demo asks of simulated clusters, in Berth's own words. kube-sim is reached only through
 * this interface: its implementation ({@code io.berth.server.demo.sim}) and kube-sim itself are
 * packaged apart from Berth's class path and found with a {@link java.util.ServiceLoader} (see
 * {@link SimulatorLoader}), so that a normal start cannot load them.
 */
public interface SimulatorFactory {

    /** Starts an empty simulator whose pods become Ready after {@code readinessDelay}. */
    ClusterSimulator start(Duration readinessDelay);
}
