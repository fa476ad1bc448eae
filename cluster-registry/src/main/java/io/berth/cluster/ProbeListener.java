package io.berth.cluster;

import java.time.Duration;

/**
 * Told of every probe once its result is recorded, for those who export it (metrics) without the
 * registry knowing them: any number of beans may implement it. Called on the probing thread; an
 * implementation must be quick and must not throw.
 */
public interface ProbeListener {

    /**
     * @param took how long the probe took, the probe time-out at most (plus the time to build a client)
     */
    void probed(String cluster, ProbeResult result, Duration took);
}
