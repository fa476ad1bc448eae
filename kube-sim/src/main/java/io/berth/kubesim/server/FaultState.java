package io.berth.kubesim.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The faults a simulated API server is told to show, read on every outside request. */
public final class FaultState {

    private volatile Duration latency = Duration.ZERO;
    private volatile boolean unauthorized;
    private volatile double errorShare;
    private volatile boolean watchEventsHeld;
    private final List<Runnable> onWatchEventsReleased = new CopyOnWriteArrayList<>();

    public Duration latency() {
        return latency;
    }

    public void latency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
    }

    public boolean unauthorized() {
        return unauthorized;
    }

    public void unauthorized(boolean unauthorized) {
        this.unauthorized = unauthorized;
    }

    public double errorShare() {
        return errorShare;
    }

    public void errorShare(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("the share of failing requests must be between 0 and 1");
        }
        this.errorShare = share;
    }

    public boolean watchEventsHeld() {
        return watchEventsHeld;
    }

    /** Holds watch events back, or delivers what was held and lets the next ones through. */
    public void watchEventsHeld(boolean held) {
        watchEventsHeld = held;
        if (!held) {
            onWatchEventsReleased.forEach(Runnable::run);
        }
    }

    /** Called each time held watch events are let go. */
    void onWatchEventsReleased(Runnable release) {
        onWatchEventsReleased.add(release);
    }

    public void clear() {
        latency = Duration.ZERO;
        unauthorized = false;
        errorShare = 0;
        watchEventsHeld(false);
    }
}
