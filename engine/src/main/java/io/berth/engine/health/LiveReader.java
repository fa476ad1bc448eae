package io.berth.engine.health;

import io.berth.engine.ObjectRef;
import io.berth.engine.ResourceTypes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads applied objects straight from a cluster and has them judged: the object, the pods of a
 * StatefulSet or Deployment, and the {@code /scale} count of a custom resource. Used where a fresh
 * read matters more than a cache (the readiness wait of a deploy). Failed calls are thrown, so a
 * caller can tell an unreachable cluster from an object in trouble. Stateless.
 */
public final class LiveReader {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * Looks at one object and judges it.
     *
     * @param rule the template's health rule for its kind, or {@code null}
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the cluster cannot be read
     */
    public Observation observe(KubernetesClient client, ObjectRef ref, CustomHealthRule rule) {
        return read(client, ref, rule)
                .map(live -> new Observation(ref, HealthJudge.judge(live), live.object()))
                .orElseGet(() -> Observation.missing(ref));
    }

    /**
     * Reads one object with everything its judgement needs (the pods of a StatefulSet or Deployment,
     * the {@code /scale} count of a custom resource), for callers that show those parts too and then
     * ask {@link HealthJudge#judge} themselves.
     *
     * @param rule the template's health rule for its kind, or {@code null}
     * @return empty when the object, or its kind, is not on the cluster
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the cluster cannot be read
     */
    public Optional<LiveObject> read(KubernetesClient client, ObjectRef ref, CustomHealthRule rule) {
        Optional<ResourceDefinitionContext> type = ResourceTypes.find(client, ref.apiVersion(), ref.kind());
        GenericKubernetesResource found = type.map(t -> ResourceTypes.resource(client, t, ref).get()).orElse(null);
        if (found == null) {
            return Optional.empty();
        }
        Map<String, Object> live = tree(found);
        List<Map<String, Object>> pods = HealthJudge.judgesPods(ref.apiVersion(), ref.kind()) ? podsOf(client, ref, live) : List.of();
        ReplicaCount scale = HealthJudge.isCustomResource(ref.apiVersion()) ? scaleOf(client, type.get(), live) : null;
        return Optional.of(new LiveObject(live, pods, scale, rule));
    }

    /**
     * The object alone, as the cluster has it now (no pods, no scale).
     *
     * @return empty when the object, or its kind, is not on the cluster
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the cluster cannot be read
     */
    public static Optional<Map<String, Object>> object(KubernetesClient client, ObjectRef ref) {
        return ResourceTypes.find(client, ref.apiVersion(), ref.kind())
                .map(t -> ResourceTypes.resource(client, t, ref).get())
                .map(LiveReader::tree);
    }

    /** The pods a built-in workload selects by {@code spec.selector.matchLabels}, in its namespace. */
    static List<Map<String, Object>> podsOf(KubernetesClient client, ObjectRef ref, Map<String, Object> workload) {
        Map<String, String> selector = PodSelection.matchLabels(workload);
        if (selector.isEmpty()) {
            return List.of();
        }
        List<Pod> pods = client.pods().inNamespace(ref.namespace()).withLabels(selector).list().getItems();
        return pods.stream().map(LiveReader::tree).filter(pod -> PodSelection.isOwnedBy(pod, workload)).toList();
    }

    private static ReplicaCount scaleOf(KubernetesClient client, ResourceDefinitionContext type, Map<String, Object> live) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName(type.getPlural() + "." + type.getGroup()).get();
        return ScalePaths.of(crd, type.getVersion()).map(paths -> paths.countOn(live)).orElse(null);
    }

    /** The object as a plain tree of maps, lists and values. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> tree(Object resource) {
        return (Map<String, Object>) SERIALIZATION.convertValue(resource, LinkedHashMap.class);
    }
}
