package io.berth.engine.health;

import io.berth.engine.Workloads;
import java.util.Map;
import java.util.Objects;

/** The rule for PersistentVolumeClaims: Bound is Healthy, Pending is on its way, Lost is Degraded. Pure. */
final class ClaimHealth {

    private ClaimHealth() {
    }

    static Assessment judge(Map<String, Object> claim) {
        String phase = Objects.toString(Workloads.valueAt(claim, "status.phase"), "");
        return switch (phase) {
            case "Bound" -> Assessment.healthy();
            case "Lost" -> Assessment.degraded("its volume is lost");
            case "" -> Assessment.progressing("no phase yet");
            default -> Assessment.progressing("claim is " + phase);
        };
    }
}
