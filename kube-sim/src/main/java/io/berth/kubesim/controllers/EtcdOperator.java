package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The etcd operator (coreos/etcd-operator, {@code etcdclusters.etcd.database.coreos.com/v1beta2}),
 * reduced to what can be seen from outside: member pods and the EtcdCluster's status.
 * <p>
 * It acts only while the CRD exists and, when {@code etcdOperatorNeedsDeployment} is set, only while a
 * Deployment named {@code etcd-operator} in the EtcdCluster's namespace has a ready replica. That
 * Deployment's controller reconciles the namespace's EtcdClusters again when its readiness changes.
 * <p>
 * For each EtcdCluster it keeps {@code spec.size} member pods named {@code <cluster>-<8 random characters>}.
 * Each call takes at most one step, in this order: while a member it removed is still leaving (for one
 * readiness delay after the deletion, standing for the etcd member removal and the pod's termination) or
 * a member pod is terminating, wait; with too many members, delete one (not ready first, then the
 * newest); while a member is not Ready, wait; with too few members (growing, or a member was removed),
 * create one; with a member of another version, delete it (it is then replaced by one of
 * {@code spec.version}: an upgrade one member at a time).
 * <p>
 * A member whose pod was deleted by someone else is dead ({@link EtcdMembership}): before anything
 * else the operator records "Replacing Dead Member", keeps counting the member in {@code size} (it is
 * neither ready nor unready) for one readiness delay, then removes it ("Member Removed"); a new member
 * follows ("New Member Added"). So while a member is replaced the status never shows every member ready.
 * <p>
 * While {@code spec.paused} is true, control is paused as in the real operator: no step is taken (not
 * even for a dead member) and the status says {@code controlPaused: true}. The members are the pods
 * labelled {@code etcd_cluster: <cluster>} and controlled by the EtcdCluster (its uid), whoever made
 * them: a restore's seed member ({@link EtcdRestoreOperator}) is adopted when control resumes, and
 * the cluster grows from it. An EtcdCluster deleted and made again under the same name is a new
 * cluster: the pods of the earlier one are deleted, its membership is forgotten, and so is its data
 * ({@link EtcdData}); the data also goes when the EtcdCluster is found gone.
 * <p>
 * The status is written only when it changed: {@code phase} is {@code Failed} (with a {@code reason},
 * members left alone) while {@code spec.size} is below 1 or {@code spec.version} (a leading {@code v}
 * allowed, empty meaning 3.2.13) is not three dot-separated numbers, and leaves {@code Failed} once the
 * spec is valid again; otherwise it is {@code Creating} until all {@code spec.size} members have been
 * Ready at once, then {@code Running} for good. {@code size} counts the members (dead ones included), {@code members.ready}
 * and {@code members.unready} name them (an empty list is left out), {@code currentVersion} is the version
 * all members run and {@code targetVersion} the one they are being moved to. The {@code Available}
 * condition is True while a majority of {@code spec.size} members is Ready; {@code Scaling} and
 * {@code Upgrading} are present while the member count or a member's version differs from the spec.
 * <p>
 * The Events are the real operator's, on the EtcdCluster: "New Member Added", "Member Removed",
 * "Replacing Dead Member", "Member Upgraded".
 * <p>
 * When the EtcdCluster is gone, its pods are deleted even without a running operator (that is the
 * garbage collector's part on a real cluster).
 */
public final class EtcdOperator implements Controller {

    public static final String CRD_NAME = "etcdclusters.etcd.database.coreos.com";
    public static final String API_VERSION = "etcd.database.coreos.com/v1beta2";
    public static final ResourceDefinitionContext ETCD_CLUSTERS = new ResourceDefinitionContext.Builder()
            .withGroup("etcd.database.coreos.com").withVersion("v1beta2").withPlural("etcdclusters")
            .withKind("EtcdCluster").withNamespaced(true).build();
    /** The Deployment that must be ready when {@code etcdOperatorNeedsDeployment} is set. */
    public static final String OPERATOR_DEPLOYMENT = "etcd-operator";

    static final String DEFAULT_VERSION = "3.2.13";
    static final String DEFAULT_REPOSITORY = "quay.io/coreos/etcd";
    static final String VERSION_ANNOTATION = "etcd.version";
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    // the real operator records its events under its pod's name
    private static final EventRecorder.Source SOURCE = EventRecorder.Source.of("etcd-operator");

    private final SimContext context;
    private final EtcdClusterStatus status;
    private final EtcdMembership membership = new EtcdMembership();
    // When the operator last removed a member of each cluster: a removed member counts as leaving (being
    // removed from etcd, its pod terminating) for one readiness delay, so each removal can be seen.
    private final Map<ObjectKey, Instant> removedAt = new ConcurrentHashMap<>();
    // The uid of the EtcdCluster each key named when last seen: a different one is a new cluster.
    private final Map<ObjectKey, String> uids = new ConcurrentHashMap<>();

    public EtcdOperator(SimContext context) {
        this.context = context;
        this.status = new EtcdClusterStatus(context.client());
    }

    @Override
    public String resource() {
        return "etcdclusters";
    }

    /** Has every EtcdCluster of the namespace looked at again (the operator may just have started). */
    public static void enqueueClusters(SimContext context, String namespace) {
        if (!crdExists(context.client())) {
            return;
        }
        for (GenericKubernetesResource cluster : context.client().genericKubernetesResources(ETCD_CLUSTERS)
                .inNamespace(namespace).list().getItems()) {
            context.queue().enqueue(new ObjectKey("etcdclusters", namespace, cluster.getMetadata().getName()));
        }
    }

    @Override
    public void reconcile(ObjectKey key) {
        KubernetesClient client = context.client();
        GenericKubernetesResource cluster = crdExists(client)
                ? client.genericKubernetesResources(ETCD_CLUSTERS).inNamespace(key.namespace()).withName(key.name()).get() : null;
        List<Pod> pods = OwnedPods.list(client, key.namespace(), "EtcdCluster", key.name(), Map.of("etcd_cluster", key.name()));
        if (cluster == null) {
            uids.remove(key);
            removedAt.remove(key);
            membership.forget(key);
            context.etcdData().gone(key.namespace(), key.name());
            pods.forEach(p -> OwnedPods.delete(client, p));
            return;
        }
        String uid = cluster.getMetadata().getUid();
        if (!uid.equals(uids.put(key, uid))) {
            // a new EtcdCluster of the name (perhaps re-created by a restore): nothing of the earlier one counts
            removedAt.remove(key);
            membership.forget(key);
        }
        context.etcdData().seen(key.namespace(), key.name(), uid);
        List<Pod> members = new ArrayList<>();
        for (Pod pod : pods) {
            if (OwnedPods.ownedBy(pod, cluster.getMetadata().getUid())) {
                members.add(pod);
            } else {
                OwnedPods.delete(client, pod); // left from an earlier EtcdCluster of the same name
            }
        }
        if (!operatorRunning(key.namespace())) {
            return;
        }
        Spec spec = Spec.of(cluster);
        if (spec.paused()) {
            status.write(cluster, spec, members, List.of()); // "control is paused, skipping reconciliation"
            return;
        }
        List<String> dead = membership.dead(key, members);
        if (spec.problem() == null && !dead.isEmpty()) {
            status.write(cluster, spec, members, replaceDead(key, cluster, dead));
            return;
        }
        if (spec.problem() == null) {
            Duration leaving = stillLeaving(key);
            if (!leaving.isZero()) {
                context.queue().enqueueAfter(key, leaving);
            } else if (step(key, cluster, spec, members)) {
                context.queue().enqueue(key);
                return;
            }
        }
        status.write(cluster, spec, members, dead);
    }

    /**
     * Replaces the first dead member as the real operator does: it says so, then (one readiness delay
     * later, standing for the member's removal from etcd) removes it from the membership; the next pass
     * adds a new member. Returns the members still dead.
     */
    private List<String> replaceDead(ObjectKey key, GenericKubernetesResource cluster, List<String> dead) {
        String victim = dead.get(0);
        Instant now = Instant.now();
        if (!membership.knownDead(key, victim)) {
            record(cluster, "Replacing Dead Member", "The dead member " + victim + " is being replaced");
        }
        Instant due = membership.deadSince(key, victim, now).plus(context.settings().readinessDelay());
        if (now.isBefore(due)) {
            context.queue().enqueueAfter(key, Duration.between(now, due));
            return dead;
        }
        membership.left(key, victim);
        record(cluster, "Member Removed", "Existing member " + victim + " removed from the cluster");
        context.queue().enqueue(key);
        return dead.subList(1, dead.size());
    }

    /** The real operator's events: "New Member Added", "Member Removed" and the like, on the EtcdCluster. */
    private void record(GenericKubernetesResource cluster, String reason, String message) {
        context.events().normal(cluster, SOURCE, reason, message);
    }

    /** How long the member removed last still counts as leaving the cluster; zero when it is gone. */
    private Duration stillLeaving(ObjectKey key) {
        Instant removed = removedAt.get(key);
        if (removed == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), removed.plus(context.settings().readinessDelay()));
        if (left.isNegative() || left.isZero()) {
            removedAt.remove(key);
            return Duration.ZERO;
        }
        return left;
    }

    /** The parts of {@code spec} the simulation reads, and what is wrong with them (null when nothing). */
    record Spec(int size, String version, String repository, boolean paused, String problem) {

        static Spec of(GenericKubernetesResource cluster) {
            Map<?, ?> spec = cluster.getAdditionalProperties().get("spec") instanceof Map<?, ?> m ? m : Map.of();
            int size = spec.get("size") instanceof Number n ? n.intValue() : 0;
            Object rawVersion = spec.get("version");
            String version = rawVersion == null || rawVersion.toString().isEmpty() ? DEFAULT_VERSION
                    : rawVersion.toString().replaceFirst("^v", "");
            Object rawRepository = spec.get("repository");
            String repository = rawRepository == null || rawRepository.toString().isEmpty() ? DEFAULT_REPOSITORY : rawRepository.toString();
            boolean paused = Boolean.TRUE.equals(spec.get("paused"));
            String problem = null;
            if (size < 1) {
                problem = "spec.size must be at least 1";
            } else if (!VERSION.matcher(version).matches()) {
                problem = "spec.version \"" + rawVersion + "\" is not a version x.y.z";
            }
            return new Spec(size, version, repository, paused, problem);
        }

        String image() {
            return repository + ":v" + version;
        }
    }

    /** Takes one member-level step; false when there is none to take now. */
    private boolean step(ObjectKey key, GenericKubernetesResource cluster, Spec spec, List<Pod> members) {
        if (members.stream().anyMatch(p -> p.getMetadata().getDeletionTimestamp() != null)) {
            return false; // a removed member is not gone yet
        }
        if (members.size() > spec.size()) {
            Pod member = OwnedPods.pickForDeletion(members);
            remove(key, member);
            record(cluster, "Member Removed", "Existing member " + member.getMetadata().getName() + " removed from the cluster");
            return true;
        }
        if (!members.stream().allMatch(OwnedPods::ready)) {
            return false;
        }
        if (members.size() < spec.size()) {
            String name = EtcdMemberPods.uniqueName(context.client(), cluster.getMetadata().getNamespace(), key.name());
            Pod created = context.client().pods().inNamespace(cluster.getMetadata().getNamespace())
                    .resource(EtcdMemberPods.member(cluster, spec, name, OwnedPods.names(members))).create();
            membership.joined(key, created.getMetadata().getName());
            record(cluster, "New Member Added", "New member " + created.getMetadata().getName() + " added to cluster");
            return true;
        }
        List<Pod> outdated = members.stream().filter(p -> !spec.version().equals(versionOf(p)))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
        if (!outdated.isEmpty()) {
            Pod member = outdated.get(0);
            remove(key, member);
            // the real operator upgrades a member in place; here it is replaced, and its successor is a new member
            record(cluster, "Member Upgraded", "Member " + member.getMetadata().getName() + " upgraded from " + versionOf(member)
                    + " to " + spec.version() + " ");
            return true;
        }
        return false;
    }

    private void remove(ObjectKey key, Pod member) {
        removedAt.put(key, Instant.now());
        membership.left(key, member.getMetadata().getName());
        OwnedPods.delete(context.client(), member);
    }

    /** The etcd version a member runs: its annotation, else its image's tag. */
    static String versionOf(Pod pod) {
        String annotated = pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(VERSION_ANNOTATION);
        if (annotated != null) {
            return annotated;
        }
        String image = pod.getSpec().getContainers().isEmpty() ? "" : Objects.requireNonNullElse(pod.getSpec().getContainers().get(0).getImage(), "");
        int colon = image.lastIndexOf(':');
        return colon < 0 ? null : image.substring(colon + 1).replaceFirst("^v", "");
    }

    private boolean operatorRunning(String namespace) {
        return DeploymentController.operatorRunning(context, namespace, OPERATOR_DEPLOYMENT);
    }

    private static boolean crdExists(KubernetesClient client) {
        return client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get() != null;
    }
}
