package io.berth.server.deploy;

import io.berth.template.HealthHint;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Looks once at the workloads among applied objects: whether each exists, how ready it is, how many
 * replicas it asks for, and which of its pods cannot start. Unlike {@link WorkloadReadiness#awaitReady},
 * a failed call is not absorbed: it is thrown, so the caller can tell an unreachable cluster from a
 * workload in trouble.
 */
public final class WorkloadObserver {

    /** Container waiting reasons that waiting longer does not cure. */
    private static final Set<String> STUCK = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "CreateContainerConfigError", "InvalidImageName");

    /** @throws io.fabric8.kubernetes.client.KubernetesClientException when the cluster cannot be read */
    public List<WorkloadObservation> observe(KubernetesClient client, List<ObjectRef> applied,
                                             Map<String, HealthHint> hints) {
        List<WorkloadObservation> seen = new ArrayList<>();
        for (ObjectRef ref : applied) {
            if (WorkloadReadiness.isWorkload(ref, hints)) {
                seen.add(observe(client, ref, hints.get(ref.kind())));
            }
        }
        return seen;
    }

    private WorkloadObservation observe(KubernetesClient client, ObjectRef ref, HealthHint hint) {
        Optional<ResourceDefinitionContext> type = ResourceTypes.find(client, ref.apiVersion(), ref.kind());
        GenericKubernetesResource live = type.map(t -> ResourceTypes.resource(client, t, ref).get()).orElse(null);
        if (live == null) {
            return new WorkloadObservation(ref, true, null, null, List.of());
        }
        Readiness readiness = WorkloadReadiness.judge(live, hint)
                .orElseGet(() -> new Readiness.Unknown("no rule judges " + ref.kind()));
        Map<String, Object> tree = WorkloadReadiness.tree(live);
        Object replicas = Workloads.valueAt(tree, "spec.replicas");
        List<String> troubles = readiness instanceof Readiness.Ready ? List.of() : podTroubles(client, ref, tree);
        return new WorkloadObservation(ref, false, readiness, replicas instanceof Number n ? n.intValue() : null, troubles);
    }

    /** Pods selected by a built-in workload's {@code spec.selector.matchLabels} that are stuck. */
    private static List<String> podTroubles(KubernetesClient client, ObjectRef ref, Map<String, Object> tree) {
        if (!"apps/v1".equals(ref.apiVersion()) || !(Workloads.valueAt(tree, "spec.selector.matchLabels") instanceof Map<?, ?> labels)
                || labels.isEmpty()) {
            return List.of();
        }
        Map<String, String> selector = new java.util.LinkedHashMap<>();
        labels.forEach((k, v) -> selector.put(String.valueOf(k), String.valueOf(v)));
        List<String> troubles = new ArrayList<>();
        for (Pod pod : client.pods().inNamespace(ref.namespace()).withLabels(selector).list().getItems()) {
            List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                    ? List.of() : pod.getStatus().getContainerStatuses();
            for (ContainerStatus status : statuses) {
                if (status.getState() != null && status.getState().getWaiting() != null
                        && STUCK.contains(status.getState().getWaiting().getReason())) {
                    troubles.add(pod.getMetadata().getName() + ": " + status.getState().getWaiting().getReason());
                }
            }
        }
        return troubles;
    }
}
