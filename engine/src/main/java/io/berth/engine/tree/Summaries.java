package io.berth.engine.tree;

import io.berth.engine.Workloads;
import io.berth.engine.health.HealthJudge;
import io.berth.engine.health.LiveObject;
import io.berth.engine.health.ReplicaCount;
import java.util.Map;
import java.util.Objects;

/** What an object's spec and status say of its size and state. Pure. */
final class Summaries {

    private Summaries() {
    }

    /** The summary of a workload or custom resource; {@code null} for other kinds, or when its status says nothing. */
    static ObjectSummary of(LiveObject live) {
        Map<String, Object> object = live.object();
        String apiVersion = Objects.toString(object.get("apiVersion"), "");
        String kind = Objects.toString(object.get("kind"), "");
        if (HealthJudge.judgesPods(apiVersion, kind)) {
            return new ObjectSummary(null, orDefault(Workloads.replicasAt(object, "spec.replicas"), 1),
                    orDefault(Workloads.replicasAt(object, "status.replicas"), 0),
                    orDefault(Workloads.replicasAt(object, "status.readyReplicas"), 0), null, null);
        }
        return HealthJudge.isCustomResource(apiVersion) ? ofCustomResource(object, live.scale()) : null;
    }

    /**
     * Its {@code status.phase}, its size by the paths its CRD's {@code /scale} declares (else
     * {@code spec.size} and {@code status.size}, which many operators use), and the members it lists
     * under {@code status.members.ready} and {@code .unready} (the etcd operator leaves an empty list out).
     */
    private static ObjectSummary ofCustomResource(Map<String, Object> object, ReplicaCount scale) {
        String phase = Trees.text(object, "status.phase");
        Integer desired = scale != null ? scale.asked() : Workloads.replicasAt(object, "spec.size");
        Integer current = scale != null ? scale.running() : Workloads.replicasAt(object, "status.size");
        boolean listsMembers = Workloads.valueAt(object, "status.members") instanceof Map<?, ?>;
        if (phase == null && desired == null && current == null && !listsMembers) {
            return null;
        }
        return new ObjectSummary(phase, desired, current, null,
                listsMembers ? orEmpty(Trees.strings(object, "status.members.ready")) : null,
                listsMembers ? orEmpty(Trees.strings(object, "status.members.unready")) : null);
    }

    private static Integer orDefault(Integer value, int absent) {
        return value == null ? absent : value;
    }

    private static java.util.List<String> orEmpty(java.util.List<String> list) {
        return list == null ? java.util.List.of() : list;
    }
}
