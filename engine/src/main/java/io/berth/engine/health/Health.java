package io.berth.engine.health;

import java.util.Collection;
import java.util.Comparator;

/**
 * Health of a workload, a target or an application, from worst to best. An application's health is
 * the worst of its targets', a target's the worst of its workloads'. Nothing is Healthy by default:
 * what no rule could judge is Unknown.
 */
public enum Health {
    /** Failing: a crash loop, an image that cannot be pulled, a deadline passed, a hint's degraded value. */
    Degraded,
    /** Applied by Berth but gone from the cluster. */
    Missing,
    /** The cluster cannot be reached: the last known health is kept in the reason, with its age. */
    Stale,
    /** No rule could judge it. */
    Unknown,
    /** On its way: rolling out, scaling, starting. */
    Progressing,
    /** Scaled to zero on purpose. */
    Suspended,
    Healthy;

    /** The worst of some healths; Unknown when there are none. */
    public static Health worst(Collection<Health> healths) {
        return healths.stream().min(Comparator.naturalOrder()).orElse(Unknown);
    }
}
