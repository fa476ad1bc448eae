package io.berth.engine.tree;

import io.berth.engine.health.LiveReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods and claims of a namespace, each listed at most once per read of a tree, and only when an
 * object of the tree needs them (a custom resource its pods, a StatefulSet its claims).
 */
final class NamespaceListing {

    private final KubernetesClient client;
    private final Map<String, List<Map<String, Object>>> pods = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> claims = new HashMap<>();

    NamespaceListing(KubernetesClient client) {
        this.client = client;
    }

    List<Map<String, Object>> pods(String namespace) {
        return pods.computeIfAbsent(namespace, ns -> client.pods().inNamespace(ns).list().getItems().stream()
                .map(LiveReader::tree).toList());
    }

    List<Map<String, Object>> claims(String namespace) {
        return claims.computeIfAbsent(namespace, ns -> client.persistentVolumeClaims().inNamespace(ns).list().getItems()
                .stream().map(LiveReader::tree).toList());
    }
}
