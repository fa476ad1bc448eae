package io.berth.engine;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Scales one workload on a cluster. Stateless: the cluster's client is passed to each call. */
public final class WorkloadScaler {

    /** Built-in kinds (group/kind) with a {@code /scale} subresource. */
    private static final Set<String> SCALABLE_BUILT_INS = Set.of("apps/StatefulSet", "apps/Deployment", "apps/ReplicaSet");

    /**
     * Sets the replica count of a workload: StatefulSets and Deployments through their {@code /scale}
     * subresource; a custom resource through {@code /scale} when its CRD (read live) declares that
     * subresource for the object's version, else by a JSON merge patch of {@code replicasPath}.
     *
     * @param replicasPath dotted path such as {@code spec.size}; may be {@code null}
     * @throws NotScalableException when the kind has no {@code /scale} and no replicas path is given,
     *                              or is a built-in kind that is not a workload (ConfigMap, Service...)
     * @throws ScaleException       when the cluster refuses or cannot be reached, or the object is missing
     */
    public void scale(KubernetesClient client, ObjectRef workload, String replicasPath, int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be at least 0, not " + replicas);
        }
        try {
            ResourceDefinitionContext type = ResourceTypes.find(client, workload.apiVersion(), workload.kind())
                    .orElseThrow(() -> new NotScalableException(workload.describe() + ": the cluster does not serve kind "
                            + workload.kind() + " of " + workload.apiVersion()));
            switch (wayToScale(client, workload, type, replicasPath)) {
                case SUBRESOURCE -> ResourceTypes.resource(client, type, workload).scale(replicas);
                case REPLICAS_PATH -> patchReplicas(client, type, workload, replicasPath, replicas);
            }
        } catch (KubernetesClientException e) {
            throw new ScaleException("Could not scale " + workload.describe() + " to " + replicas + ": "
                    + ClusterErrors.explain(e), e);
        }
    }

    enum Way { SUBRESOURCE, REPLICAS_PATH }

    private static Way wayToScale(KubernetesClient client, ObjectRef workload, ResourceDefinitionContext type, String replicasPath) {
        if (SCALABLE_BUILT_INS.contains(workload.group() + "/" + workload.kind())) {
            return Way.SUBRESOURCE;
        }
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName(type.getPlural() + "." + type.getGroup()).get();
        if (crd == null) {
            throw new NotScalableException(workload.describe() + ": " + workload.kind()
                    + " is neither a StatefulSet, a Deployment nor a custom resource, so it cannot be scaled");
        }
        if (declaresScale(crd, type.getVersion())) {
            return Way.SUBRESOURCE;
        }
        if (replicasPath == null || replicasPath.isBlank()) {
            throw new NotScalableException(workload.describe() + ": the CRD " + crd.getMetadata().getName()
                    + " declares no scale subresource for " + type.getVersion() + " and the template gives no replicas path");
        }
        return Way.REPLICAS_PATH;
    }

    static boolean declaresScale(CustomResourceDefinition crd, String version) {
        return crd.getSpec().getVersions().stream()
                .filter(v -> version.equals(v.getName()))
                .map(CustomResourceDefinitionVersion::getSubresources)
                .anyMatch(s -> s != null && s.getScale() != null);
    }

    /** A JSON merge patch holding only the replicas path: nothing else of the object is touched. */
    private static void patchReplicas(KubernetesClient client, ResourceDefinitionContext type, ObjectRef workload,
                                      String replicasPath, int replicas) {
        Map<String, Object> patch = Workloads.withReplicas(new LinkedHashMap<>(), replicasPath, replicas);
        String json = client.getKubernetesSerialization().asJson(patch);
        ResourceTypes.resource(client, type, workload).patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }
}
