package io.berth.engine.health;

import io.berth.engine.Workloads;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a custom resource keeps the replicas it asks for and those running, as its CRD's {@code /scale}
 * subresource declares them ({@code .spec.size}, {@code .status.size}...): reading them off the object
 * gives what {@code /scale} would answer, without another call.
 */
public record ScalePaths(String specReplicasPath, String statusReplicasPath) {

    /** The paths the CRD declares for this version, or empty when it declares no {@code /scale}. */
    public static Optional<ScalePaths> of(CustomResourceDefinition crd, String version) {
        if (crd == null || crd.getSpec() == null || crd.getSpec().getVersions() == null) {
            return Optional.empty();
        }
        return crd.getSpec().getVersions().stream()
                .filter(v -> version.equals(v.getName()) && v.getSubresources() != null && v.getSubresources().getScale() != null)
                .map(v -> v.getSubresources().getScale())
                .findFirst()
                .map(ScalePaths::from);
    }

    private static ScalePaths from(CustomResourceSubresourceScale scale) {
        return new ScalePaths(scale.getSpecReplicasPath(), scale.getStatusReplicasPath());
    }

    /** The count on this object; a status not written yet reads as no replicas running. */
    public ReplicaCount countOn(Map<String, Object> live) {
        Integer asked = specReplicasPath == null ? null : Workloads.replicasAt(live, specReplicasPath);
        Integer running = statusReplicasPath == null ? null : Workloads.replicasAt(live, statusReplicasPath);
        return new ReplicaCount(asked, running == null ? Integer.valueOf(0) : running);
    }
}
