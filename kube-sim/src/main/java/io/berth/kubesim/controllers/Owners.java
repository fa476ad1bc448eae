package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

/** Maps an object's controlling owner to the key its controller handles. */
public final class Owners {

    private Owners() {
    }

    /** The key of the object's controller owner, or null when it has none that is simulated. */
    public static ObjectKey ownerKey(HasMetadata object) {
        for (OwnerReference owner : object.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(owner.getController()) || object.getMetadata().getOwnerReferences().size() == 1) {
                String resource = switch (owner.getKind()) {
                    case "StatefulSet" -> "statefulsets";
                    case "Deployment", "ReplicaSet" -> "deployments";
                    case "EtcdCluster" -> "etcdclusters";
                    default -> null;
                };
                return resource == null ? null : new ObjectKey(resource, object.getMetadata().getNamespace(), owner.getName());
            }
        }
        return null;
    }
}
