package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** What the pod-owning controllers share: finding the pods an object controls, readiness, names, victims. */
final class OwnedPods {

    /** The characters Kubernetes uses for random name suffixes (no vowels, no look-alike digits). */
    static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private OwnedPods() {
    }

    /**
     * The pods in the namespace whose controlling owner is of this kind and name, whatever the owner's
     * uid (a pod of an earlier object of the same name is still found, so it can be collected).
     *
     * @param labels labels every such pod carries, to narrow the listing; may be empty
     */
    static List<Pod> list(KubernetesClient client, String namespace, String kind, String name, Map<String, String> labels) {
        var pods = client.pods().inNamespace(namespace);
        List<Pod> items = labels.isEmpty() ? pods.list().getItems() : pods.withLabels(labels).list().getItems();
        return items.stream().filter(p -> controller(p) != null && kind.equals(controller(p).getKind())
                && name.equals(controller(p).getName())).toList();
    }

    /** The pod's controlling owner reference, or null. */
    static OwnerReference controller(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst()
                .orElse(owners.size() == 1 ? owners.get(0) : null);
    }

    static boolean ownedBy(Pod pod, String uid) {
        OwnerReference owner = controller(pod);
        return owner != null && uid != null && uid.equals(owner.getUid());
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && "True".equals(PodLifecycle.readyOf(pod.getStatus()));
    }

    static String randomSuffix(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMS.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMS.length())));
        }
        return out.toString();
    }

    /** Which pod to remove first, as the ReplicaSet controller ranks them: not ready before ready, then the newest. */
    static Pod pickForDeletion(List<Pod> pods) {
        Comparator<Pod> order = Comparator.comparing((Pod p) -> ready(p))
                .thenComparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp()), Comparator.reverseOrder())
                .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder());
        return pods.stream().min(order).orElseThrow();
    }

    static void delete(KubernetesClient client, Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }

    static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }
}
