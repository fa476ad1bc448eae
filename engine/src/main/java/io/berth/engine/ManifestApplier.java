package io.berth.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Writes rendered objects to one cluster, and removes them again. Every write is a server-side
 * apply with field manager {@value #FIELD_MANAGER} that forces conflicts: Berth owns the fields it
 * applies, whoever touched them since. Stateless: the cluster's client is passed to each call.
 */
public final class ManifestApplier {

    /** The field manager of every apply, as {@code metadata.managedFields} shows it. */
    public static final String FIELD_MANAGER = "berth";

    private final Duration crdEstablishedTimeout;

    /** @param crdEstablishedTimeout how long an applied CRD may take to become Established */
    public ManifestApplier(Duration crdEstablishedTimeout) {
        this.crdEstablishedTimeout = Objects.requireNonNull(crdEstablishedTimeout, "crdEstablishedTimeout");
    }

    /**
     * Applies the objects in the given order (the caller's apply order: namespace-level prerequisites
     * and CRDs first).
     * <ul>
     *   <li>With {@code createNamespace}, the target namespace is applied first (labelled as managed by
     *       Berth); without it, a missing namespace fails the call before anything is written.</li>
     *   <li>A namespaced object without {@code metadata.namespace} goes to {@code namespace}; a
     *       cluster-scoped one (as the client's model or the cluster's discovery says) gets none.</li>
     *   <li>Each object's own metadata gets the labels {@code app.kubernetes.io/managed-by=berth} and
     *       {@code berth.io/application}, and the annotations {@code berth.io/revision},
     *       {@code berth.io/template} ({@code set@version}) and {@code berth.io/digest}.</li>
     *   <li>After a CustomResourceDefinition, waits until it is Established, so that custom resources
     *       of it further down the list can be applied.</li>
     * </ul>
     *
     * @param objects rendered object trees ({@code apiVersion}, {@code kind}, {@code metadata}, ...); not modified
     * @return the applied objects, in apply order (the namespace created for them is not among them)
     * @throws ApplyException naming the object that failed, with the cluster's explanation
     */
    public List<ObjectRef> apply(KubernetesClient client, String namespace, boolean createNamespace,
                                 List<Map<String, Object>> objects, Stamp stamp) {
        Objects.requireNonNull(namespace, "namespace");
        prepareNamespace(client, namespace, createNamespace, stamp);
        List<ObjectRef> applied = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            applied.add(applyOne(client, namespace, Stamping.stamped(object, stamp)));
        }
        return List.copyOf(applied);
    }

    /**
     * The object exactly as {@link #apply} sends it, Berth's stamps included (without the namespace it
     * may be placed in): what drift is measured against.
     */
    public static Map<String, Object> asApplied(Map<String, Object> rendered, Stamp stamp) {
        return Stamping.stamped(rendered, stamp);
    }

    /**
     * Deletes the objects of {@code previous} that {@code current} no longer has (the same object
     * being the same API group, kind, namespace and name), last applied first. PersistentVolumeClaims
     * and Namespaces are never pruned, and neither is an object whose live {@code berth.io/application}
     * label no longer names {@code application} (someone else took it over). Objects already gone
     * are skipped.
     *
     * @return the objects deleted, in deletion order
     */
    public List<ObjectRef> prune(KubernetesClient client, String application, List<ObjectRef> previous,
                                 List<ObjectRef> current) {
        List<ObjectRef> deleted = new ArrayList<>();
        List<ObjectRef> wanted = current.stream().map(ref -> scoped(client, ref)).toList();
        for (ObjectRef ref : reversed(previous)) {
            ObjectRef placed = scoped(client, ref);
            boolean kept = wanted.stream().anyMatch(placed::sameObjectAs);
            if (!kept && !OwnedObjects.isKeptByDefault(placed) && OwnedObjects.deleteIfOwned(client, placed, application)) {
                deleted.add(placed);
            }
        }
        return List.copyOf(deleted);
    }

    /**
     * Deletes the applied objects, last applied first, with the same ownership check as
     * {@link #prune}; missing objects are skipped and the namespace itself is never deleted.
     * PersistentVolumeClaims are kept, unless {@code deletePvcs}: then those in the list go too, and
     * so do the claims the StatefulSets among them made from their {@code volumeClaimTemplates}
     * ({@code <template>-<statefulset>-<ordinal>}, including those left by scale-downs).
     */
    public void uninstall(KubernetesClient client, String application, List<ObjectRef> applied, boolean deletePvcs) {
        for (ObjectRef ref : reversed(applied)) {
            if (OwnedObjects.isNamespace(ref) || (OwnedObjects.isClaim(ref) && !deletePvcs)) {
                continue;
            }
            List<String> claimTemplates = deletePvcs ? OwnedObjects.claimTemplatesOf(client, ref, application) : List.of();
            OwnedObjects.deleteIfOwned(client, ref, application);
            // only a StatefulSet that still belonged to the application has claim templates here
            OwnedObjects.deleteClaims(client, ref, claimTemplates);
        }
    }

    /**
     * The reference without a namespace when its kind is cluster-scoped on this cluster. A record of
     * what was about to be applied names cluster-scoped objects with the target namespace (their scope
     * is only known once the cluster is asked); compared as they are, such an object would look
     * dropped and be pruned right after it was applied.
     */
    private static ObjectRef scoped(KubernetesClient client, ObjectRef ref) {
        if (ref.namespace() == null) {
            return ref;
        }
        boolean clusterScoped = ResourceTypes.find(client, ref.apiVersion(), ref.kind())
                .map(type -> !type.isNamespaceScoped()).orElse(false);
        return clusterScoped ? new ObjectRef(ref.apiVersion(), ref.kind(), null, ref.name()) : ref;
    }

    private void prepareNamespace(KubernetesClient client, String namespace, boolean create, Stamp stamp) {
        try {
            if (create) {
                Namespace wanted = new NamespaceBuilder().withNewMetadata().withName(namespace)
                        .addToLabels(Stamping.MANAGED_BY, Stamping.BERTH).endMetadata().build();
                client.namespaces().resource(wanted).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            } else if (client.namespaces().withName(namespace).get() == null) {
                throw new ApplyException("Namespace/" + namespace + " does not exist on the cluster, and the deployment"
                        + " does not ask to create it");
            }
        } catch (KubernetesClientException e) {
            throw new ApplyException("Namespace/" + namespace + ": " + ClusterErrors.explain(e), e);
        }
    }

    private ObjectRef applyOne(KubernetesClient client, String namespace, Map<String, Object> object) {
        String apiVersion = Stamping.text(object, "apiVersion");
        String kind = Stamping.text(object, "kind");
        String name = Stamping.text(Stamping.child(object, "metadata"), "name");
        if (apiVersion == null || kind == null || name == null) {
            throw new ApplyException(kind + "/" + name + ": a rendered object needs apiVersion, kind and metadata.name");
        }
        ObjectRef named = new ObjectRef(apiVersion, kind, null, name);
        try {
            ResourceDefinitionContext type = ResourceTypes.require(client, named);
            ObjectRef ref = placed(object, type, namespace, named);
            GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
            var operation = client.genericKubernetesResources(type);
            var target = type.isNamespaceScoped() ? operation.inNamespace(ref.namespace()).resource(resource) : operation.resource(resource);
            target.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            if (isCrd(ref)) {
                awaitEstablished(client, ref);
            }
            return ref;
        } catch (KubernetesClientException e) {
            throw new ApplyException(named.describe() + ": " + ClusterErrors.explain(e, named), e);
        }
    }

    /** Puts a namespaced object in its namespace (its own, else the target) and takes it off a cluster-scoped one. */
    private static ObjectRef placed(Map<String, Object> object, ResourceDefinitionContext type, String target, ObjectRef named) {
        Map<String, Object> metadata = Stamping.child(object, "metadata");
        if (!type.isNamespaceScoped()) {
            metadata.remove("namespace");
            return named;
        }
        String own = Stamping.text(metadata, "namespace");
        String namespace = own == null || own.isBlank() ? target : own;
        metadata.put("namespace", namespace);
        return new ObjectRef(named.apiVersion(), named.kind(), namespace, named.name());
    }

    private static boolean isCrd(ObjectRef ref) {
        return ref.kind().equals("CustomResourceDefinition") && ref.group().equals("apiextensions.k8s.io");
    }

    private void awaitEstablished(KubernetesClient client, ObjectRef crd) {
        try {
            client.apiextensions().v1().customResourceDefinitions().withName(crd.name())
                    .waitUntilCondition(ManifestApplier::established, crdEstablishedTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientException e) {
            throw new ApplyException(crd.describe() + " was applied but did not become Established within "
                    + crdEstablishedTimeout.toSeconds() + "s: " + ClusterErrors.explain(e), e);
        }
    }

    static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<ObjectRef> reversed(List<ObjectRef> refs) {
        List<ObjectRef> copy = new ArrayList<>(refs);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
