package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The claims made from a StatefulSet's {@code volumeClaimTemplates}: one per template and ordinal,
 * named {@code <claim>-<set>-<ordinal>}, bound at once (there is no provisioner to wait for), and
 * kept or deleted as {@code persistentVolumeClaimRetentionPolicy} says.
 */
final class VolumeClaims {

    private final KubernetesClient client;

    VolumeClaims(KubernetesClient client) {
        this.client = client;
    }

    static String claimName(PersistentVolumeClaim template, StatefulSet set, int ordinal) {
        return template.getMetadata().getName() + "-" + set.getMetadata().getName() + "-" + ordinal;
    }

    /** The claims in the set's namespace by name; none are looked up for a set without claim templates. */
    Map<String, PersistentVolumeClaim> existing(StatefulSet set) {
        if (set.getSpec().getVolumeClaimTemplates().isEmpty()) {
            return Map.of();
        }
        return client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace()).list().getItems().stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity()));
    }

    /**
     * Creates the ordinal's missing claims and binds those not bound yet; the pod is created after this.
     * Returns the names of the claims it created.
     */
    List<String> ensure(StatefulSet set, int ordinal, Map<String, PersistentVolumeClaim> existing) {
        List<String> created = new ArrayList<>();
        for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
            PersistentVolumeClaim claim = existing.get(claimName(template, set, ordinal));
            if (claim == null) {
                claim = client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace())
                        .resource(newClaim(set, template, ordinal)).create();
                created.add(claim.getMetadata().getName());
            }
            if (claim.getStatus() == null || !"Bound".equals(claim.getStatus().getPhase())) {
                bind(claim);
            }
        }
        return created;
    }

    /**
     * Puts the set's ownerReference on the ordinal's claims when {@code whenDeleted} is Delete and takes
     * it away otherwise, so that the policy can change after the claims were made.
     */
    void matchRetentionPolicy(StatefulSet set, int ordinal, Map<String, PersistentVolumeClaim> existing) {
        String uid = set.getMetadata().getUid();
        for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
            PersistentVolumeClaim claim = existing.get(claimName(template, set, ordinal));
            if (claim == null || StatefulSetPods.ownedBy(claim, uid) == deleteWithSet(set)) {
                continue;
            }
            List<OwnerReference> refs = new ArrayList<>(claim.getMetadata().getOwnerReferences());
            refs.removeIf(o -> uid.equals(o.getUid()));
            if (deleteWithSet(set)) {
                refs.add(StatefulSetPods.controllerRef(set));
            }
            claim.getMetadata().setOwnerReferences(refs);
            client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace()).resource(claim).update();
        }
    }

    /** Deletes the claims of an ordinal that was scaled away, when {@code whenScaled} is Delete. */
    void deleteIfScaledAway(StatefulSet set, int ordinal) {
        if (!"Delete".equals(policy(set, true))) {
            return;
        }
        for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
            client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace())
                    .withName(claimName(template, set, ordinal)).delete();
        }
    }

    /** Deletes the claims that carry an ownerReference to the (deleted) set: those made under whenDeleted Delete. */
    void deleteOwnedBySetNamed(String namespace, String setName) {
        for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inNamespace(namespace).list().getItems()) {
            if (StatefulSetPods.controlledBySetNamed(claim, setName)) {
                client.persistentVolumeClaims().inNamespace(namespace).resource(claim).delete();
            }
        }
    }

    static boolean deleteWithSet(StatefulSet set) {
        return "Delete".equals(policy(set, false));
    }

    private static String policy(StatefulSet set, boolean whenScaled) {
        var policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        if (policy == null) {
            return "Retain";
        }
        return whenScaled ? policy.getWhenScaled() : policy.getWhenDeleted();
    }

    /** The template's labels plus the set's selector labels, as the real controller labels claims. */
    private PersistentVolumeClaim newClaim(StatefulSet set, PersistentVolumeClaim template, int ordinal) {
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        if (set.getSpec().getSelector() != null) {
            labels.putAll(set.getSpec().getSelector().getMatchLabels());
        }
        PersistentVolumeClaimSpec spec = template.getSpec() == null ? new PersistentVolumeClaimSpec()
                : client.getKubernetesSerialization().clone(template.getSpec());
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(claimName(template, set, ordinal))
                .withNamespace(set.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(template.getMetadata().getAnnotations())
                .withOwnerReferences(deleteWithSet(set) ? List.of(StatefulSetPods.controllerRef(set)) : List.of()).endMetadata()
                .withSpec(spec).build();
    }

    /** What a provisioner and the binder would report: Bound, with the requested size and access modes. */
    private void bind(PersistentVolumeClaim claim) {
        PersistentVolumeClaimSpec spec = claim.getSpec();
        PersistentVolumeClaimStatusBuilder status = new PersistentVolumeClaimStatusBuilder().withPhase("Bound")
                .withAccessModes(spec == null ? List.of() : spec.getAccessModes());
        if (spec != null && spec.getResources() != null) {
            status.withCapacity(spec.getResources().getRequests());
        }
        claim.setStatus(status.build());
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).resource(claim).updateStatus();
    }
}
