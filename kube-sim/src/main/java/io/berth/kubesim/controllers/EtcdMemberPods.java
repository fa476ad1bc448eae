package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The pod of an etcd member, as the etcd operator (and the restore operator, for a seed member) makes
 * it: named {@code <cluster>-<random>}, labelled {@code app=etcd}, {@code etcd_cluster} and
 * {@code etcd_node}, controlled by the EtcdCluster, running etcd with the cluster's peers.
 */
final class EtcdMemberPods {

    private static final int SUFFIX_LENGTH = 8;

    private EtcdMemberPods() {
    }

    /** A member name no pod of the namespace has yet. */
    static String uniqueName(KubernetesClient client, String namespace, String cluster) {
        String name;
        do {
            name = cluster + "-" + OwnedPods.randomSuffix(SUFFIX_LENGTH);
        } while (client.pods().inNamespace(namespace).withName(name).get() != null);
        return name;
    }

    /**
     * The member's pod.
     *
     * @param peers the names of the members already in the cluster (none for the first, seed, member)
     */
    static Pod member(GenericKubernetesResource cluster, EtcdOperator.Spec spec, String name, List<String> peers) {
        String clusterName = cluster.getMetadata().getName();
        String namespace = cluster.getMetadata().getNamespace();
        List<String> initialCluster = new ArrayList<>();
        for (String member : peers) {
            initialCluster.add(member + "=" + peerUrl(member, clusterName, namespace));
        }
        initialCluster.add(name + "=" + peerUrl(name, clusterName, namespace));
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app", "etcd").addToLabels("etcd_cluster", clusterName).addToLabels("etcd_node", name)
                .addToAnnotations(EtcdOperator.VERSION_ANNOTATION, spec.version())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(EtcdOperator.API_VERSION).withKind("EtcdCluster")
                        .withName(clusterName).withUid(cluster.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec().withHostname(name).withSubdomain(clusterName).withRestartPolicy("Never")
                .withContainers(new ContainerBuilder().withName("etcd").withImage(spec.image())
                        .withCommand("/usr/local/bin/etcd", "--data-dir=/var/etcd/data", "--name=" + name,
                                "--initial-advertise-peer-urls=" + peerUrl(name, clusterName, namespace),
                                "--listen-peer-urls=http://0.0.0.0:2380", "--listen-client-urls=http://0.0.0.0:2379",
                                "--advertise-client-urls=http://" + name + "." + clusterName + "." + namespace + ".svc:2379",
                                "--initial-cluster=" + String.join(",", initialCluster),
                                "--initial-cluster-state=" + (peers.isEmpty() ? "new" : "existing"))
                        .addNewPort().withName("client").withContainerPort(2379).withProtocol("TCP").endPort()
                        .addNewPort().withName("peer").withContainerPort(2380).withProtocol("TCP").endPort()
                        .build())
                .endSpec().build();
    }

    static String peerUrl(String member, String cluster, String namespace) {
        return "http://" + member + "." + cluster + "." + namespace + ".svc:2380";
    }
}
