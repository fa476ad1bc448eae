package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One reconcile of a StatefulSet's pods, in the real controller's order: make the pods that should
 * exist (lowest ordinal first), then remove those scaled away (highest first), then replace outdated
 * pods (highest first, down to the partition). With OrderedReady every phase stops at the first
 * step it takes or at the first pod that is not Running and Ready, so one pass changes at most one
 * pod and the change it causes brings the next pass. Parallel creates and deletes all it can at once.
 */
final class StatefulSetSteps {

    private static final EventRecorder.Source SOURCE = EventRecorder.Source.of("statefulset-controller");

    private final KubernetesClient client;
    private final VolumeClaims claims;
    private final EventRecorder events;
    private final StatefulSet set;
    private final Revisions.Pair revisions;
    private final boolean ordered;
    private final Pod[] replicas;
    private final List<Pod> condemned = new ArrayList<>();
    private Map<String, PersistentVolumeClaim> existingClaims;

    StatefulSetSteps(KubernetesClient client, VolumeClaims claims, EventRecorder events, StatefulSet set, Revisions.Pair revisions,
                     List<Pod> pods) {
        this.client = client;
        this.claims = claims;
        this.events = events;
        this.set = set;
        this.revisions = revisions;
        this.ordered = !"Parallel".equals(set.getSpec().getPodManagementPolicy());
        this.replicas = new Pod[StatefulSetController.replicas(set)];
        for (Pod pod : pods) {
            int ordinal = ordinal(pod);
            if (ordinal < replicas.length) {
                replicas[ordinal] = pod;
            } else {
                condemned.add(pod);
            }
        }
        condemned.sort(Comparator.comparingInt(this::ordinal).reversed());
    }

    void run() {
        if (processReplicas() || scaleDown() || "OnDelete".equals(strategy(set))) {
            return; // OnDelete: pods change only when someone deletes them
        }
        rollingUpdate();
    }

    /** Returns true when the pass has to stop here (OrderedReady only). */
    private boolean processReplicas() {
        for (int ordinal = 0; ordinal < replicas.length; ordinal++) {
            if (processReplica(ordinal) && ordered) {
                return true;
            }
        }
        return false;
    }

    /** Returns true when this pod keeps an ordered set from going further. */
    private boolean processReplica(int ordinal) {
        Pod pod = replicas[ordinal];
        if (pod != null && StatefulSetPods.finished(pod)) {
            // a Failed or Succeeded pod is deleted, and made again on a later pass
            if (!StatefulSetPods.terminating(pod)) {
                delete(pod);
            }
            return true;
        }
        if (pod == null) {
            replicas[ordinal] = create(ordinal);
            return true;
        }
        if (StatefulSetPods.pending(pod)) {
            ensureClaims(ordinal); // a claim deleted under a pending pod is made again
        }
        if (StatefulSetPods.terminating(pod) || !StatefulSetPods.runningAndReady(pod)) {
            return true;
        }
        claims.matchRetentionPolicy(set, ordinal, existingClaims());
        return false;
    }

    /**
     * Deletes the pods beyond {@code replicas}, highest ordinal first. Ordered sets delete one per pass
     * and wait while one is terminating or not Ready, unless it is the lowest unhealthy one.
     */
    private boolean scaleDown() {
        Pod firstUnhealthy = condemned.stream()
                .filter(p -> StatefulSetPods.terminating(p) || !StatefulSetPods.runningAndReady(p)).reduce((a, b) -> b).orElse(null);
        for (Pod pod : condemned) {
            if (StatefulSetPods.terminating(pod)) {
                if (ordered) {
                    return true;
                }
                continue;
            }
            if (ordered && !StatefulSetPods.runningAndReady(pod) && pod != firstUnhealthy) {
                return true;
            }
            delete(pod);
            claims.deleteIfScaledAway(set, ordinal(pod));
            if (ordered) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces the highest pod not at the update revision, down to the partition, by deleting it (the
     * next pass makes it again from the new template), and waits for each replaced pod to be Ready.
     */
    private void rollingUpdate() {
        for (int target = replicas.length - 1; target >= partition(); target--) {
            Pod pod = replicas[target];
            if (!revisions.update().equals(StatefulSetPods.revision(pod)) && !StatefulSetPods.terminating(pod)) {
                delete(pod);
                return;
            }
            if (StatefulSetPods.terminating(pod) || !StatefulSetPods.runningAndReady(pod)) {
                return;
            }
        }
    }

    /**
     * Makes the pod of an ordinal after its claims. Below the partition it comes from the current
     * revision, so that a pod deleted there does not jump ahead of the staged rollout; otherwise
     * (and always with OnDelete) from the update revision.
     */
    private Pod create(int ordinal) {
        boolean atCurrent = !"OnDelete".equals(strategy(set)) && ordinal < partition();
        PodTemplateSpec template = atCurrent ? revisions.currentTemplate() : revisions.updateTemplate();
        String revision = atCurrent ? revisions.current() : revisions.update();
        ensureClaims(ordinal);
        Pod pod = StatefulSetPods.newPod(set, template, revision, ordinal, client.getKubernetesSerialization());
        Pod created = client.pods().inNamespace(set.getMetadata().getNamespace()).resource(pod).create();
        record("create Pod " + created.getMetadata().getName() + " in StatefulSet " + setName() + " successful", "SuccessfulCreate");
        return created;
    }

    private void ensureClaims(int ordinal) {
        for (String claim : claims.ensure(set, ordinal, existingClaims())) {
            record("create Claim " + claim + " Pod " + setName() + "-" + ordinal + " in StatefulSet " + setName() + " success",
                    "SuccessfulCreate");
        }
    }

    private void delete(Pod pod) {
        client.pods().inNamespace(set.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        record("delete Pod " + pod.getMetadata().getName() + " in StatefulSet " + setName() + " successful", "SuccessfulDelete");
    }

    /** The real controller's messages: "create Pod web-0 in StatefulSet web successful" and the like. */
    private void record(String message, String reason) {
        events.normal(set, SOURCE, reason, message);
    }

    private String setName() {
        return set.getMetadata().getName();
    }

    private Map<String, PersistentVolumeClaim> existingClaims() {
        if (existingClaims == null) {
            existingClaims = claims.existing(set);
        }
        return existingClaims;
    }

    /** {@code updateStrategy.type}, RollingUpdate when not given (the API server's default). */
    static String strategy(StatefulSet set) {
        var strategy = set.getSpec().getUpdateStrategy();
        return strategy == null || strategy.getType() == null ? "RollingUpdate" : strategy.getType();
    }

    /** {@code rollingUpdate.partition}, 0 when not given (the API server's default). */
    private int partition() {
        var strategy = set.getSpec().getUpdateStrategy();
        if (strategy == null || strategy.getRollingUpdate() == null || strategy.getRollingUpdate().getPartition() == null) {
            return 0;
        }
        return strategy.getRollingUpdate().getPartition();
    }

    private int ordinal(Pod pod) {
        return StatefulSetPods.ordinal(pod, set.getMetadata().getName());
    }
}
