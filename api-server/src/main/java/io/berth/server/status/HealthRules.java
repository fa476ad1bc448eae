package io.berth.server.status;

import io.berth.server.deploy.Readiness;
import io.berth.server.deploy.WorkloadObservation;
import java.util.ArrayList;
import java.util.List;

/** Turns what was seen of a target's workloads into its health. Pure. */
public final class HealthRules {

    private HealthRules() {
    }

    public static TargetHealth judge(List<WorkloadObservation> workloads) {
        if (workloads.isEmpty()) {
            return new TargetHealth(Health.Unknown, "no workload that a rule can judge (StatefulSet, Deployment, "
                    + "or a custom resource with a health hint)");
        }
        List<Health> healths = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (WorkloadObservation w : workloads) {
            Health health = of(w);
            healths.add(health);
            if (health != Health.Healthy) {
                reasons.add(w.workload().describe() + ": " + reasonOf(w, health));
            }
        }
        Health worst = Health.worst(healths);
        return new TargetHealth(worst, reasons.isEmpty() ? null : String.join("; ", reasons));
    }

    static Health of(WorkloadObservation w) {
        if (w.missing()) {
            return Health.Missing;
        }
        if (w.readiness() instanceof Readiness.Failed || !w.podTroubles().isEmpty()) {
            return Health.Degraded;
        }
        if (w.replicas() != null && w.replicas() == 0) {
            return Health.Suspended;
        }
        if (w.readiness() instanceof Readiness.Ready) {
            return Health.Healthy;
        }
        return w.readiness() instanceof Readiness.NotReady ? Health.Progressing : Health.Unknown;
    }

    private static String reasonOf(WorkloadObservation w, Health health) {
        return switch (health) {
            case Missing -> "not found on the cluster";
            case Suspended -> "scaled to 0 replicas";
            default -> w.podTroubles().isEmpty() ? w.readiness().reason() : String.join(", ", w.podTroubles());
        };
    }
}
