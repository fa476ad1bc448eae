package io.berth.server.resources;

import io.berth.engine.health.Health;
import io.berth.engine.tree.ClaimNode;
import io.berth.engine.tree.ObjectNode;
import io.berth.engine.tree.ObjectSummary;
import io.berth.engine.tree.PodNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An application's resource tree as the API shows it: per target, each object Berth applied with its
 * health and what it runs, read live from the cluster.
 *
 * @param readAt when the clusters were read
 */
public record ApplicationResources(String application, Instant readAt, List<TargetResources> targets) {

    /**
     * One target: its objects, or why its cluster could not be read.
     *
     * @param revisionApplied the revision last applied there ({@code null} before the first success)
     * @param error           why the cluster could not be read, in Berth's words; {@code null} when it was
     * @param objects         the objects Berth applied there, in apply order; {@code null} when {@code error} is set
     */
    public record TargetResources(String cluster, String namespace, Integer revisionApplied, String error,
                                  List<ResourceView> objects) {

        static TargetResources of(ClusterFanOut.Outcome<List<ObjectNode>> read, Instant now) {
            DeployedTarget target = read.target();
            List<ResourceView> objects = read.error() != null ? null
                    : read.value().stream().map(o -> ResourceView.of(o, now)).toList();
            return new TargetResources(target.cluster(), target.namespace(), target.revisionApplied(), read.error(), objects);
        }
    }

    /**
     * One object Berth applied.
     *
     * @param health  {@code Missing} when it is gone; {@code null} for kinds that carry no health (a Service, a
     *                ConfigMap...: they exist or are Missing)
     * @param reason  why it is not Healthy
     * @param summary its size and phase as its status says them (workloads and custom resources)
     * @param pods    a StatefulSet's or Deployment's pods, or the pods a custom resource owns
     * @param claims  a StatefulSet's PersistentVolumeClaims, retained ones included
     */
    public record ResourceView(String apiVersion, String kind, String namespace, String name, Health health, String reason,
                               Instant createdAt, ObjectSummary summary, List<PodView> pods, List<ClaimView> claims) {

        static ResourceView of(ObjectNode node, Instant now) {
            return new ResourceView(node.apiVersion(), node.kind(), node.namespace(), node.name(), node.health(),
                    node.reason(), node.createdAt(), node.summary(), node.pods().stream().map(p -> PodView.of(p, now)).toList(),
                    node.claims().stream().map(ClaimView::of).toList());
        }
    }

    /**
     * One pod.
     *
     * @param ordinal            a StatefulSet pod's ordinal ({@code web-2}: 2); {@code null} for other pods
     * @param restarts           the restarts of all its containers
     * @param reason             why it is not ready; {@code null} when it is
     * @param ageSeconds         how old it was when read
     * @param controllerRevision the controller revision it was made from
     */
    public record PodView(String name, Integer ordinal, String phase, boolean ready, int restarts, String node, String reason,
                          Health health, Instant createdAt, Long ageSeconds, String controllerRevision) {

        static PodView of(PodNode pod, Instant now) {
            Long age = pod.createdAt() == null ? null : Math.max(0, Duration.between(pod.createdAt(), now).toSeconds());
            return new PodView(pod.name(), pod.ordinal(), pod.phase(), pod.ready(), pod.restarts(), pod.node(), pod.reason(),
                    pod.health(), pod.createdAt(), age, pod.controllerRevision());
        }
    }

    /**
     * One PersistentVolumeClaim of a StatefulSet, {@code <template>-<set>-<ordinal>}.
     *
     * @param retained        kept for its data after a scale-down or after its StatefulSet was deleted: no pod
     *                        uses it; Berth never calls it drift and never deletes it (unless an application is
     *                        deleted with {@code deletePvcs=true})
     * @param retainedBecause why it is retained
     */
    public record ClaimView(String name, String template, int ordinal, String phase, String capacity, String storageClass,
                            boolean retained, String retainedBecause, Health health, Instant createdAt) {

        static ClaimView of(ClaimNode claim) {
            return new ClaimView(claim.name(), claim.template(), claim.ordinal(), claim.phase(), claim.capacity(),
                    claim.storageClass(), claim.retained(), claim.retainedBecause(), claim.health(), claim.createdAt());
        }
    }
}
