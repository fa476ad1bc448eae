package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays Kubernetes' StatefulSet controller: pods {@code <set>-0 .. <set>-(n-1)} with stable names and
 * per-pod claims, made and removed in ordinal order (OrderedReady) or all at once (Parallel), rolled
 * from the highest ordinal down when the template changes (RollingUpdate with a partition) or left
 * alone until deleted (OnDelete), and a status with the counts and revisions the real one reports.
 * There is no garbage collector in the simulator, so when the set is gone this controller deletes what
 * the collector would: its pods, its revisions and the claims that name it as owner.
 */
public final class StatefulSetController implements Controller {

    private final SimContext context;
    private final Revisions revisions;
    private final VolumeClaims claims;

    public StatefulSetController(SimContext context) {
        this.context = context;
        this.revisions = new Revisions(context.client());
        this.claims = new VolumeClaims(context.client());
    }

    @Override
    public String resource() {
        return "statefulsets";
    }

    @Override
    public void reconcile(ObjectKey key) {
        StatefulSet set = client().apps().statefulSets().inNamespace(key.namespace()).withName(key.name()).get();
        if (set == null) {
            removeDependents(key.namespace(), key.name());
            return;
        }
        List<Pod> pods = podsOf(set);
        Revisions.Pair pair = revisions.sync(set, pods);
        StatefulSetStatus status = status(set, pair, pods);
        if (set.getMetadata().getDeletionTimestamp() == null) {
            new StatefulSetSteps(client(), claims, context.events(), set, pair, pods).run();
        }
        // after the step, as the real controller does: the pod's own change is then handled first
        writeStatus(set, status);
    }

    /** {@code spec.replicas}, 1 when not given (the API server's default). */
    static int replicas(StatefulSet set) {
        Integer replicas = set.getSpec().getReplicas();
        return replicas == null ? 1 : Math.max(0, replicas);
    }

    /**
     * The set's pods: those its selector matches that name it (by uid) as controller and have an
     * ordinal. A pod left by an earlier set of the same name is deleted, as the collector would.
     */
    private List<Pod> podsOf(StatefulSet set) {
        String namespace = set.getMetadata().getNamespace();
        String name = set.getMetadata().getName();
        var inNamespace = client().pods().inNamespace(namespace);
        List<Pod> listed = set.getSpec().getSelector() == null ? inNamespace.list().getItems()
                : inNamespace.withLabelSelector(set.getSpec().getSelector()).list().getItems();
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : listed) {
            if (StatefulSetPods.ownedBy(pod, set.getMetadata().getUid())) {
                if (StatefulSetPods.ordinal(pod, name) >= 0) {
                    owned.add(pod);
                }
            } else if (StatefulSetPods.controlledBySetNamed(pod, name) && !StatefulSetPods.terminating(pod)) {
                inNamespace.withName(pod.getMetadata().getName()).delete();
            }
        }
        return owned;
    }

    /**
     * The status as the real controller computes it. availableReplicas equals readyReplicas
     * ({@code minReadySeconds} is not simulated). currentRevision moves to updateRevision once every
     * pod is updated and Ready, and only under RollingUpdate (with OnDelete it stays, as in v1.31).
     */
    private static StatefulSetStatus status(StatefulSet set, Revisions.Pair pair, List<Pod> pods) {
        int ready = 0;
        int current = 0;
        int updated = 0;
        for (Pod pod : pods) {
            ready += StatefulSetPods.runningAndReady(pod) ? 1 : 0;
            if (!StatefulSetPods.terminating(pod)) {
                current += pair.current().equals(StatefulSetPods.revision(pod)) ? 1 : 0;
                updated += pair.update().equals(StatefulSetPods.revision(pod)) ? 1 : 0;
            }
        }
        String currentRevision = pair.current();
        int wanted = replicas(set);
        if ("RollingUpdate".equals(StatefulSetSteps.strategy(set)) && updated == wanted && ready == wanted && pods.size() == wanted) {
            currentRevision = pair.update();
            current = updated;
        }
        return new StatefulSetStatusBuilder().withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(pods.size()).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withCurrentReplicas(current).withUpdatedReplicas(updated)
                .withCurrentRevision(currentRevision).withUpdateRevision(pair.update()).withCollisionCount(0).build();
    }

    /** Writes the status only when it changed: a write comes back as a key, and an unchanged one would loop. */
    private void writeStatus(StatefulSet set, StatefulSetStatus status) {
        if (status.equals(set.getStatus())) {
            return;
        }
        set.setStatus(status);
        client().apps().statefulSets().inNamespace(set.getMetadata().getNamespace()).resource(set).updateStatus();
    }

    /** What the garbage collector deletes once the set is gone (background propagation). */
    private void removeDependents(String namespace, String name) {
        for (Pod pod : client().pods().inNamespace(namespace).list().getItems()) {
            if (StatefulSetPods.controlledBySetNamed(pod, name) && !StatefulSetPods.terminating(pod)) {
                client().pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
            }
        }
        claims.deleteOwnedBySetNamed(namespace, name);
        revisions.deleteOwnedBySetNamed(namespace, name);
    }

    private KubernetesClient client() {
        return context.client();
    }
}
