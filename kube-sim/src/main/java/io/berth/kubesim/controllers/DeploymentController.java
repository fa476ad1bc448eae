package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enough of the Deployment controller for operator Deployments. It keeps {@code spec.replicas} pods
 * named {@code <deployment>-<pod-template-hash>-<5 random characters>}, labelled from the template
 * plus {@code pod-template-hash}, and owned by the Deployment itself: there are no ReplicaSet objects.
 * <p>
 * When the template changes, pods of the new template are created next to the old ones, and the old
 * ones are deleted once all new ones are Ready (as a rolling update with maxSurge 100% and
 * maxUnavailable 0; {@code spec.strategy} is not read). A deleted pod is recreated; when the
 * Deployment is deleted, its pods are deleted too (the garbage collector's part). One pod is created or
 * deleted per reconcile; the status is written when no step is left and only when it changed.
 * <p>
 * When the readiness of a Deployment named {@code etcd-operator} changes, the EtcdClusters of its
 * namespace are reconciled again (see {@link EtcdOperator}); the same for {@code etcd-backup-operator}
 * and the EtcdBackups, and {@code etcd-restore-operator} and the EtcdRestores.
 */
public final class DeploymentController implements Controller {

    static final String HASH_LABEL = "pod-template-hash";
    private static final int SUFFIX_LENGTH = 5;
    private static final EventRecorder.Source DEPLOYMENTS = EventRecorder.Source.of("deployment-controller");
    // the pods' events are the ReplicaSet controller's on a real cluster; here they go on the Deployment
    private static final EventRecorder.Source REPLICA_SETS = EventRecorder.Source.of("replicaset-controller");

    private final SimContext context;
    // The size each Deployment's notional ReplicaSets (by template hash) were last announced to be scaled to.
    private final Map<ObjectKey, Map<String, Integer>> announced = new ConcurrentHashMap<>();

    public DeploymentController(SimContext context) {
        this.context = context;
    }

    @Override
    public String resource() {
        return "deployments";
    }

    @Override
    public void reconcile(ObjectKey key) {
        var client = context.client();
        Deployment deployment = client.apps().deployments().inNamespace(key.namespace()).withName(key.name()).get();
        List<Pod> pods = OwnedPods.list(client, key.namespace(), "Deployment", key.name(), Map.of());
        if (deployment == null) {
            announced.remove(key);
            pods.forEach(p -> OwnedPods.delete(client, p));
            return;
        }
        String uid = deployment.getMetadata().getUid();
        List<Pod> live = new ArrayList<>();
        for (Pod pod : pods) {
            if (OwnedPods.ownedBy(pod, uid)) {
                live.add(pod);
            } else {
                OwnedPods.delete(client, pod); // left from an earlier Deployment of the same name
            }
        }
        String hash = templateHash(deployment.getSpec().getTemplate());
        List<Pod> current = live.stream().filter(p -> hash.equals(p.getMetadata().getLabels().get(HASH_LABEL))).toList();
        List<Pod> old = live.stream().filter(p -> !current.contains(p)).toList();
        int replicas = replicas(deployment);
        announceScaling(key, deployment, hash, current, replicas, old);
        if (step(deployment, hash, current, old, replicas)) {
            context.queue().enqueue(key);
            return;
        }
        writeStatus(deployment, hash, live, current, replicas);
    }

    /** Takes one step towards the desired pods; false when there is none to take. */
    private boolean step(Deployment deployment, String hash, List<Pod> current, List<Pod> old, int replicas) {
        if (current.size() < replicas) {
            Pod created = context.client().pods().inNamespace(deployment.getMetadata().getNamespace())
                    .resource(newPod(deployment, hash)).create();
            context.events().normal(deployment, REPLICA_SETS, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
            return true;
        }
        if (current.size() > replicas) {
            delete(deployment, OwnedPods.pickForDeletion(current));
            return true;
        }
        if (!old.isEmpty() && current.stream().allMatch(OwnedPods::ready)) {
            delete(deployment, OwnedPods.pickForDeletion(old));
            return true;
        }
        return false;
    }

    private void delete(Deployment deployment, Pod pod) {
        OwnedPods.delete(context.client(), pod);
        context.events().normal(deployment, REPLICA_SETS, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
    }

    /**
     * The ScalingReplicaSet events of the real controller, for the ReplicaSets the simulation does not
     * make: the new template's set scaled to the replicas, the old templates' sets to 0 once the new pods
     * are Ready. Each size is announced once.
     */
    private void announceScaling(ObjectKey key, Deployment deployment, String hash, List<Pod> current, int replicas, List<Pod> old) {
        Map<String, Integer> sizes = announced.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        announce(deployment, sizes, hash, current.size(), replicas);
        if (!old.isEmpty() && current.size() == replicas && current.stream().allMatch(OwnedPods::ready)) {
            Map<String, Long> oldSizes = new java.util.TreeMap<>();
            old.forEach(p -> oldSizes.merge(p.getMetadata().getLabels().get(HASH_LABEL), 1L, Long::sum));
            oldSizes.forEach((oldHash, size) -> announce(deployment, sizes, oldHash, size.intValue(), 0));
        }
        sizes.keySet().removeIf(h -> !h.equals(hash) && old.stream().noneMatch(p -> h.equals(p.getMetadata().getLabels().get(HASH_LABEL))));
    }

    private void announce(Deployment deployment, Map<String, Integer> sizes, String hash, int from, int to) {
        Integer before = sizes.get(hash);
        if (from == to || (before != null && before == to)) {
            return;
        }
        sizes.put(hash, to);
        String name = deployment.getMetadata().getName() + "-" + hash;
        context.events().normal(deployment, DEPLOYMENTS, "ScalingReplicaSet",
                "Scaled " + (to > from ? "up" : "down") + " replica set " + name + " to " + to + " from " + from);
    }

    private Pod newPod(Deployment deployment, String hash) {
        String namespace = deployment.getMetadata().getNamespace();
        String prefix = deployment.getMetadata().getName() + "-" + hash + "-";
        String name;
        do {
            name = prefix + OwnedPods.randomSuffix(SUFFIX_LENGTH);
        } while (context.client().pods().inNamespace(namespace).withName(name).get() != null);
        PodTemplateSpec template = context.client().getKubernetesSerialization().clone(deployment.getSpec().getTemplate());
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.put(HASH_LABEL, hash);
        Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? Map.of() : template.getMetadata().getAnnotations();
        return new PodBuilder().withNewMetadata().withName(name).withGenerateName(prefix).withNamespace(namespace)
                .withLabels(labels).withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata().withSpec(template.getSpec()).build();
    }

    private void writeStatus(Deployment deployment, String hash, List<Pod> live, List<Pod> current, int replicas) {
        int ready = (int) live.stream().filter(OwnedPods::ready).count();
        int updated = current.size();
        int unavailable = Math.max(0, Math.max(replicas, live.size()) - ready);
        DeploymentStatus previous = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        String replicaSet = deployment.getMetadata().getName() + "-" + hash;
        boolean complete = updated == replicas && live.size() == replicas && ready >= replicas;
        List<DeploymentCondition> conditions = new ArrayList<>();
        conditions.add(condition(previous, "Available", ready >= replicas,
                ready >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                ready >= replicas ? "Deployment has minimum availability." : "Deployment does not have minimum availability."));
        conditions.add(condition(previous, "Progressing", true, complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                complete ? "ReplicaSet \"" + replicaSet + "\" has successfully progressed."
                        : "ReplicaSet \"" + replicaSet + "\" is progressing."));
        // Counts of zero are left out, as the real API server's JSON does (omitempty).
        DeploymentStatus desired = new DeploymentStatusBuilder().withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(orNull(live.size())).withUpdatedReplicas(orNull(updated)).withReadyReplicas(orNull(ready))
                .withAvailableReplicas(orNull(ready)).withUnavailableReplicas(orNull(unavailable))
                .withConditions(conditions).build();
        if (desired.equals(deployment.getStatus())) {
            return;
        }
        deployment.setStatus(desired);
        context.client().apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment).updateStatus();
        if (operatorReady(previous) != operatorReady(desired)) {
            wakeOperated(deployment.getMetadata().getName(), deployment.getMetadata().getNamespace());
        }
    }

    /** The custom resources of the namespace that a simulated operator of this Deployment name acts on are looked at again. */
    private void wakeOperated(String deployment, String namespace) {
        switch (deployment) {
            case EtcdOperator.OPERATOR_DEPLOYMENT -> EtcdOperator.enqueueClusters(context, namespace);
            case EtcdBackupOperator.OPERATOR_DEPLOYMENT -> enqueueAll(EtcdBackupOperator.CRD_NAME, EtcdBackupOperator.ETCD_BACKUPS, namespace);
            case EtcdRestoreOperator.OPERATOR_DEPLOYMENT -> enqueueAll(EtcdRestoreOperator.CRD_NAME, EtcdRestoreOperator.ETCD_RESTORES, namespace);
            default -> {
            }
        }
    }

    private void enqueueAll(String crd, ResourceDefinitionContext resources, String namespace) {
        if (context.client().apiextensions().v1().customResourceDefinitions().withName(crd).get() == null) {
            return;
        }
        for (GenericKubernetesResource item : context.client().genericKubernetesResources(resources).inNamespace(namespace).list().getItems()) {
            context.queue().enqueue(new ObjectKey(resources.getPlural(), namespace, item.getMetadata().getName()));
        }
    }

    /** The condition as it should be, keeping the previous timestamps where nothing changed. */
    private static DeploymentCondition condition(DeploymentStatus previous, String type, boolean status, String reason, String message) {
        String statusText = status ? "True" : "False";
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        DeploymentCondition before = previous.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        boolean sameStatus = before != null && statusText.equals(before.getStatus());
        boolean unchanged = sameStatus && reason.equals(before.getReason()) && message.equals(before.getMessage());
        return new DeploymentConditionBuilder().withType(type).withStatus(statusText).withReason(reason).withMessage(message)
                .withLastTransitionTime(sameStatus ? before.getLastTransitionTime() : now)
                .withLastUpdateTime(unchanged ? before.getLastUpdateTime() : now).build();
    }

    /**
     * Whether an operator simulated in-process may act in the namespace: always, unless the settings ask for
     * its Deployment ({@code etcdOperatorNeedsDeployment}); then only while that Deployment has a ready replica.
     */
    static boolean operatorRunning(SimContext context, String namespace, String deployment) {
        if (!context.settings().etcdOperatorNeedsDeployment()) {
            return true;
        }
        Deployment operator = context.client().apps().deployments().inNamespace(namespace).withName(deployment).get();
        return operator != null && operatorReady(operator.getStatus());
    }

    static boolean operatorReady(DeploymentStatus status) {
        return status != null && status.getReadyReplicas() != null && status.getReadyReplicas() >= 1;
    }

    private static int replicas(Deployment deployment) {
        Integer replicas = deployment.getSpec().getReplicas();
        return replicas == null ? 1 : Math.max(0, replicas);
    }

    private static Integer orNull(int count) {
        return count == 0 ? null : count;
    }

    /**
     * Like Kubernetes' pod-template-hash: the FNV-1a hash of the template, its decimal digits mapped onto
     * the safe alphabet. The template is hashed as JSON, so the values differ from a real cluster's.
     */
    String templateHash(PodTemplateSpec template) {
        byte[] bytes = context.client().getKubernetesSerialization().asJson(template).getBytes(StandardCharsets.UTF_8);
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String digits = Integer.toUnsignedString(hash);
        StringBuilder out = new StringBuilder(digits.length());
        for (char c : digits.toCharArray()) {
            out.append(OwnedPods.ALPHANUMS.charAt(c % OwnedPods.ALPHANUMS.length()));
        }
        return out.toString();
    }
}
