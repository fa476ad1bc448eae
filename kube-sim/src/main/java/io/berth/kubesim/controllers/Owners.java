package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import tools.jackson.databind.JsonNode;

/** Maps an object's controlling owner to the key its controller handles. */
public final class Owners {

    private Owners() {
    }

    /** The key of the object's controller owner, or null when it has none that is simulated. */
    public static ObjectKey ownerKey(HasMetadata object) {
        for (OwnerReference owner : object.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(owner.getController()) || object.getMetadata().getOwnerReferences().size() == 1) {
                return key(owner.getKind(), object.getMetadata().getNamespace(), owner.getName());
            }
        }
        return null;
    }

    /** The same, for an object as JSON (a deleted one, as the server gave it back); null for anything else. */
    public static ObjectKey ownerKey(JsonNode object) {
        JsonNode owners = object.path("metadata").path("ownerReferences");
        for (JsonNode owner : owners) {
            if (owner.path("controller").asBoolean(false) || owners.size() == 1) {
                return key(owner.path("kind").asString(""), object.path("metadata").path("namespace").asString(null),
                        owner.path("name").asString(""));
            }
        }
        return null;
    }

    private static ObjectKey key(String kind, String namespace, String name) {
        String resource = switch (kind) {
            case "StatefulSet" -> "statefulsets";
            case "Deployment", "ReplicaSet" -> "deployments";
            case "EtcdCluster" -> "etcdclusters";
            default -> null;
        };
        return resource == null ? null : new ObjectKey(resource, namespace, name);
    }
}
