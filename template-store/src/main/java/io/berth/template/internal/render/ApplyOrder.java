package io.berth.template.internal.render;

import java.util.Comparator;
import java.util.Map;

/**
 * The order in which manifests are applied: Namespace, CustomResourceDefinition, RBAC
 * (ServiceAccount, Role, ClusterRole, RoleBinding, ClusterRoleBinding), ConfigMap and Secret,
 * PersistentVolumeClaim, Service, Deployment, StatefulSet, then everything else (custom resources
 * included), each group in the order of the template. Kinds are matched together with their API
 * group, so a custom resource called {@code Service} is not taken for a core Service.
 */
public final class ApplyOrder {

    private static final int OTHERS = 8;

    private static final Map<String, Integer> RANKS = Map.ofEntries(
            Map.entry("/Namespace", 0),
            Map.entry("apiextensions.k8s.io/CustomResourceDefinition", 1),
            Map.entry("/ServiceAccount", 2),
            Map.entry("rbac.authorization.k8s.io/Role", 2),
            Map.entry("rbac.authorization.k8s.io/ClusterRole", 2),
            Map.entry("rbac.authorization.k8s.io/RoleBinding", 2),
            Map.entry("rbac.authorization.k8s.io/ClusterRoleBinding", 2),
            Map.entry("/ConfigMap", 3),
            Map.entry("/Secret", 3),
            Map.entry("/PersistentVolumeClaim", 4),
            Map.entry("/Service", 5),
            Map.entry("apps/Deployment", 6),
            Map.entry("apps/StatefulSet", 7));

    /** Apply order first, then the index of the document in the template. */
    public static final Comparator<ManifestIdentity> COMPARATOR =
            Comparator.comparingInt(ApplyOrder::rank).thenComparingInt(ManifestIdentity::index);

    private ApplyOrder() {
    }

    public static int rank(ManifestIdentity identity) {
        return RANKS.getOrDefault(identity.group() + "/" + identity.kind(), OTHERS);
    }
}
