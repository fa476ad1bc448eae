package io.berth.engine;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Optional;

/**
 * Where a kind lives on a cluster: its plural and whether it is namespaced. Built-in kinds are known
 * to the client's model; any other kind is looked up in the cluster's discovery
 * ({@code /apis/<group>/<version>}), so a custom resource's scope comes from its CRD as the cluster
 * serves it, never from a list of ours.
 */
public final class ResourceTypes {

    private ResourceTypes() {
    }

    /** The kind's definition, or empty when the cluster does not serve it (e.g. its CRD is missing). */
    public static Optional<ResourceDefinitionContext> find(KubernetesClient client, String apiVersion, String kind) {
        Class<? extends KubernetesResource> known = client.getKubernetesSerialization()
                .getRegisteredKubernetesResource(apiVersion, kind);
        if (known != null && HasMetadata.class.isAssignableFrom(known) && known != GenericKubernetesResource.class) {
            return Optional.of(ResourceDefinitionContext.fromResourceType(known.asSubclass(HasMetadata.class)));
        }
        return discover(client, apiVersion, kind);
    }

    static ResourceDefinitionContext require(KubernetesClient client, ObjectRef ref) {
        return find(client, ref.apiVersion(), ref.kind()).orElseThrow(() -> new ApplyException(ref.describe()
                + ": the cluster does not serve kind " + ref.kind() + " of " + ref.apiVersion()
                + " (a custom resource needs its CustomResourceDefinition installed first)"));
    }

    /** The resource of one object, in its namespace when the kind is namespaced. */
    public static Resource<GenericKubernetesResource> resource(KubernetesClient client, ResourceDefinitionContext type, ObjectRef ref) {
        var operation = client.genericKubernetesResources(type);
        return type.isNamespaceScoped() ? operation.inNamespace(ref.namespace()).withName(ref.name()) : operation.withName(ref.name());
    }

    private static Optional<ResourceDefinitionContext> discover(KubernetesClient client, String apiVersion, String kind) {
        APIResourceList resources;
        try {
            resources = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (ClusterErrors.isNotFound(e)) {
                return Optional.empty(); // the group version itself is not served
            }
            throw e;
        }
        if (resources == null) {
            return Optional.empty();
        }
        return resources.getResources().stream()
                .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/")) // "x/status" has the same kind
                .findFirst()
                .map(r -> definition(apiVersion, r));
    }

    private static ResourceDefinitionContext definition(String apiVersion, APIResource resource) {
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
                .withKind(resource.getKind())
                .withPlural(resource.getName())
                .withNamespaced(Boolean.TRUE.equals(resource.getNamespaced()))
                .build();
    }
}
