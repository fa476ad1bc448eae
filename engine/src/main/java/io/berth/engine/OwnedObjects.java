package io.berth.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Deleting objects Berth applied, only while they still belong to the application. */
final class OwnedObjects {

    private OwnedObjects() {
    }

    static boolean isClaim(ObjectRef ref) {
        return ref.group().isEmpty() && ref.kind().equals("PersistentVolumeClaim");
    }

    static boolean isNamespace(ObjectRef ref) {
        return ref.group().isEmpty() && ref.kind().equals("Namespace");
    }

    /** Kinds that hold data or everything else: never removed just because a revision dropped them. */
    static boolean isKeptByDefault(ObjectRef ref) {
        return isClaim(ref) || isNamespace(ref);
    }

    /**
     * Deletes the object when its live labels say it belongs to the application.
     *
     * @return false when it was already gone (its kind too) or belongs to someone else now
     */
    static boolean deleteIfOwned(KubernetesClient client, ObjectRef ref, String application) {
        try {
            Optional<Resource<GenericKubernetesResource>> resource = resourceOf(client, ref);
            GenericKubernetesResource live = resource.map(Resource::get).orElse(null);
            if (live == null || !Stamping.belongsTo(live.getMetadata().getLabels(), application)) {
                return false;
            }
            resource.get().delete();
            return true;
        } catch (KubernetesClientException e) {
            if (ClusterErrors.isNotFound(e)) {
                return false;
            }
            throw new ApplyException("Could not delete " + ref.describe() + ": " + ClusterErrors.explain(e), e);
        }
    }

    /**
     * The names of the claim templates of a StatefulSet that belongs to the application (read before
     * it is deleted, since its claims outlive it); empty for any other object.
     */
    static List<String> claimTemplatesOf(KubernetesClient client, ObjectRef ref, String application) {
        if (!ref.group().equals("apps") || !ref.kind().equals("StatefulSet")) {
            return List.of();
        }
        try {
            StatefulSet set = client.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name()).get();
            if (set == null || !Stamping.belongsTo(set.getMetadata().getLabels(), application)
                    || set.getSpec().getVolumeClaimTemplates() == null) {
                return List.of();
            }
            return set.getSpec().getVolumeClaimTemplates().stream().map(t -> t.getMetadata().getName()).toList();
        } catch (KubernetesClientException e) {
            throw new ApplyException("Could not read " + ref.describe() + ": " + ClusterErrors.explain(e), e);
        }
    }

    /**
     * Deletes the claims {@code <template>-<statefulset>-<ordinal>} of every ordinal found, not only
     * those below the current replica count: a scale-down leaves the higher ones behind.
     */
    static void deleteClaims(KubernetesClient client, ObjectRef statefulSet, List<String> claimTemplates) {
        if (claimTemplates.isEmpty()) {
            return;
        }
        try {
            var claims = client.persistentVolumeClaims().inNamespace(statefulSet.namespace());
            for (PersistentVolumeClaim claim : claims.list().getItems()) {
                String name = claim.getMetadata().getName();
                if (claimTemplates.stream().anyMatch(t -> madeFrom(name, t, statefulSet.name()))) {
                    claims.withName(name).delete();
                }
            }
        } catch (KubernetesClientException e) {
            throw new ApplyException("Could not delete the PersistentVolumeClaims of " + statefulSet.describe() + ": "
                    + ClusterErrors.explain(e), e);
        }
    }

    static boolean madeFrom(String claimName, String template, String statefulSet) {
        return Pattern.matches(Pattern.quote(template + "-" + statefulSet + "-") + "\\d+", claimName);
    }

    private static Optional<Resource<GenericKubernetesResource>> resourceOf(KubernetesClient client, ObjectRef ref) {
        Optional<ResourceDefinitionContext> type = ResourceTypes.find(client, ref.apiVersion(), ref.kind());
        return type.map(t -> ResourceTypes.resource(client, t, ref));
    }
}
