package io.berth.kubesim.controllers;

import java.time.Duration;

/**
 * How long the kubelet waits before restarting a container that keeps failing: the initial back-off
 * (10 s on a real node), doubled at each restart, capped at 30 times it (5 min).
 */
record CrashLoopBackOff(Duration initial) {

    private static final int CAP_FACTOR = 30;

    /** The wait after the container failed with {@code restarts} restarts behind it. */
    Duration after(int restarts) {
        Duration cap = initial.multipliedBy(CAP_FACTOR);
        if (restarts >= 31) {
            return cap;
        }
        Duration doubled = initial.multipliedBy(1L << restarts);
        return doubled.compareTo(cap) > 0 ? cap : doubled;
    }
}
