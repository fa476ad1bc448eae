package io.berth.kubesim;

import io.berth.kubesim.server.FaultState;
import io.berth.kubesim.server.TcpGate;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/**
 * Faults a test can put a simulated cluster into, and take away again. They affect outside callers
 * (Berth) only; the cluster's own controllers keep working, as a real control plane would behind a
 * broken network.
 */
public final class Faults {

    private final TcpGate gate;
    private final FaultState state;
    private final KubernetesClient internal;

    Faults(TcpGate gate, FaultState state, KubernetesClient internal) {
        this.gate = gate;
        this.state = state;
        this.internal = internal;
    }

    /** Connections are refused and open ones cut, until {@link #reachable()}. State is kept. */
    public Faults unreachable() {
        gate.shut();
        return this;
    }

    public Faults reachable() {
        gate.open();
        return this;
    }

    /** Every answer to an outside caller is delayed by this much. */
    public Faults latency(Duration latency) {
        state.latency(latency);
        return this;
    }

    /** Every outside request is answered 401, as when credentials were revoked. */
    public Faults unauthorized(boolean unauthorized) {
        state.unauthorized(unauthorized);
        return this;
    }

    /** This share (0 to 1) of outside requests is answered 500. */
    public Faults failingShare(double share) {
        state.errorShare(share);
        return this;
    }

    /**
     * While held, watches hear of no change: objects still change and reads see them, but watchers are
     * told only once the events are let go again (then all of them, in order). A watch that lags behind
     * the store, as on an API server under load.
     */
    public Faults watchEventsHeld(boolean held) {
        state.watchEventsHeld(held);
        return this;
    }

    /** Deletes a pod, as if it died; its controller recreates it. */
    public Faults deletePod(String namespace, String name) {
        internal.pods().inNamespace(namespace).withName(name).delete();
        return this;
    }

    /** Marks a node NotReady (or Ready again): the pods on it stop (or start) being Ready. */
    public Faults nodeReady(String node, boolean ready) {
        internal.nodes().withName(node).editStatus(n -> {
            n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                    .forEach(c -> c.setStatus(ready ? "True" : "False"));
            return n;
        });
        return this;
    }

    /** Whether outside callers can connect (false after {@link #unreachable()}). */
    public boolean isReachable() {
        return gate.isOpen();
    }

    public boolean isUnauthorized() {
        return state.unauthorized();
    }

    public Duration latency() {
        return state.latency();
    }

    public double failingShare() {
        return state.errorShare();
    }

    /** Takes every fault away (node readiness is left as it is). */
    public Faults clear() {
        state.clear();
        gate.open();
        return this;
    }
}
