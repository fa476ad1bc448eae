package io.berth.engine.watch;

import io.berth.engine.ClusterErrors;
import io.berth.engine.ObjectRef;
import io.berth.engine.ResourceTypes;
import io.berth.engine.Stamping;
import io.berth.engine.health.HealthJudge;
import io.berth.engine.health.ScalePaths;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Berth's objects on one cluster: one informer per watched kind (so one watch connection per
 * kind, whatever the number of applications), each listing and watching only objects labelled
 * {@code app.kubernetes.io/managed-by=berth} across all namespaces. The pods of Berth's workloads
 * carry that label too (see {@link io.berth.engine.ManifestApplier}), so pods are watched the same
 * way. Every change is passed to the {@link ChangeListener} by namespace and application; the objects
 * themselves are read back from the informers' caches.
 * <p>
 * A kind the cluster does not serve (a custom resource whose CRD is not installed yet) and a kind that
 * could not be set up (the cluster did not answer) are tried again at the next {@link #watch}.
 */
public final class ClusterWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterWatch.class);

    private final String cluster;
    private final KubernetesClient client;
    private final ChangeListener listener;
    private final Map<WatchedKind, KindWatch> watches = new ConcurrentHashMap<>();
    private final Set<WatchedKind> wanted = ConcurrentHashMap.newKeySet();
    private final Set<WatchedKind> unserved = ConcurrentHashMap.newKeySet();
    private volatile String lastFailure;
    private volatile Instant failingSince;

    /**
     * One kind's informer, with where a custom resource keeps its replica counts (or null), and whether
     * its watch has been open at least once (a watch that was open and is closed means an outage).
     */
    private record KindWatch(ResourceDefinitionContext type, SharedIndexInformer<GenericKubernetesResource> informer,
                             ScalePaths scale, AtomicBoolean everWatched) {

        boolean watching() {
            try {
                boolean open = informer.isWatching();
                if (open) {
                    everWatched.set(true);
                }
                return open;
            } catch (NullPointerException stopping) {
                return false; // the client's informer reads its watch while it is being stopped
            }
        }
    }

    public ClusterWatch(String cluster, KubernetesClient client, ChangeListener listener) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.client = Objects.requireNonNull(client, "client");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public String cluster() {
        return cluster;
    }

    /** The client this watch reads through (a new client, after a credential rotation, needs a new watch). */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Watches exactly these kinds from now on: informers are started for new kinds and stopped for
     * kinds no longer asked for. Never throws for a cluster that does not answer.
     */
    public synchronized void watch(Set<WatchedKind> kinds) {
        wanted.clear();
        wanted.addAll(kinds);
        for (WatchedKind gone : new HashSet<>(watches.keySet())) {
            if (!kinds.contains(gone)) {
                watches.remove(gone).informer().stop();
            }
        }
        unserved.retainAll(kinds);
        for (WatchedKind kind : kinds) {
            if (!watches.containsKey(kind)) {
                start(kind);
            }
        }
    }

    /**
     * Lists everything again: every informer is stopped and started afresh. Used when the cluster comes
     * back after an outage, so that nothing that happened meanwhile is missed, whatever the API server
     * kept of its watch history.
     */
    public synchronized void relist() {
        watches.values().forEach(w -> w.informer().stop());
        watches.clear();
        unserved.clear();
        watch(Set.copyOf(wanted));
    }

    /**
     * Whether every wanted kind is watched right now: its informer's watch is open, or the cluster
     * said that it does not serve the kind. False while a kind could not even be set up.
     */
    public boolean isConnected() {
        for (WatchedKind kind : wanted) {
            KindWatch watch = watches.get(kind);
            if (watch == null ? !unserved.contains(kind) : !watch.watching()) {
                return false;
            }
        }
        return true;
    }

    /** Why the last attempt to list or watch failed, in the cluster's or the network's words; empty if none did. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /**
     * Since when listing or watching keeps failing: the first failure after the watch was last
     * {@link #isConnected() connected} (reset by {@link #connectedAgain()}). Empty while nothing failed: a
     * watch that is only starting, or adding a kind, is not failing.
     */
    public Optional<Instant> failingSince() {
        return Optional.ofNullable(failingSince);
    }

    /** Called once the watch is seen connected after failures: the next failure starts a new count. */
    public void connectedAgain() {
        failingSince = null;
    }

    private void failed(Throwable failure) {
        lastFailure = ClusterErrors.explain(failure);
        if (failingSince == null) {
            failingSince = Instant.now();
        }
    }

    /**
     * Whether the watch of some kind, open before, is closed now: the cluster went away or closed it.
     * (A watch that is still being set up, or listed again, has not been open yet and does not count.)
     */
    public boolean hasLostAWatch() {
        return watches.values().stream().anyMatch(w -> !w.watching() && w.everWatched().get());
    }

    /**
     * Whether some wanted kind has not been listed even once yet (its watch is being set up): not being
     * connected then is no sign of an outage.
     */
    public boolean isStarting() {
        return !wanted.stream().allMatch(this::isSynced);
    }

    /** Whether the kind's objects are all known: its first list has been read (or the cluster does not serve it). */
    public boolean isSynced(WatchedKind kind) {
        KindWatch watch = watches.get(kind);
        return watch == null ? unserved.contains(kind) : watch.informer().hasSynced();
    }

    /**
     * The object as last seen, or empty when it is not on the cluster (or its kind is not served).
     *
     * @throws IllegalStateException when the kind is not watched or not synced: nothing can be said yet
     */
    public Optional<GenericKubernetesResource> find(ObjectRef ref) {
        WatchedKind kind = new WatchedKind(ref.apiVersion(), ref.kind());
        if (!isSynced(kind)) {
            throw new IllegalStateException(kind + " is not watched, or not listed yet, on " + cluster);
        }
        KindWatch watch = watches.get(kind);
        if (watch == null) {
            return Optional.empty(); // the cluster does not serve the kind: its objects cannot exist
        }
        String key = watch.type().isNamespaceScoped() ? Cache.namespaceKeyFunc(ref.namespace(), ref.name()) : ref.name();
        return Optional.ofNullable(watch.informer().getStore().getByKey(key));
    }

    /** The watched pods of a namespace (those of Berth's workloads). */
    public List<GenericKubernetesResource> pods(String namespace) {
        KindWatch watch = watches.get(WatchedKind.POD);
        return watch == null ? List.of() : watch.informer().getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    /** Where a custom resource kind keeps its replica counts, when its CRD declares {@code /scale}. */
    public Optional<ScalePaths> scalePaths(WatchedKind kind) {
        KindWatch watch = watches.get(kind);
        return watch == null ? Optional.empty() : Optional.ofNullable(watch.scale());
    }

    /** How many objects the caches hold, over all kinds. */
    public int cachedObjects() {
        return watches.values().stream().mapToInt(w -> w.informer().getStore().listKeys().size()).sum();
    }

    /** The kinds being watched now. */
    public Set<WatchedKind> watchedKinds() {
        return Set.copyOf(watches.keySet());
    }

    private void start(WatchedKind kind) {
        try {
            Optional<ResourceDefinitionContext> type = ResourceTypes.find(client, kind.apiVersion(), kind.kind());
            if (type.isEmpty()) {
                unserved.add(kind);
                return;
            }
            unserved.remove(kind);
            var operation = client.genericKubernetesResources(type.get());
            var selected = type.get().isNamespaceScoped()
                    ? operation.inAnyNamespace().withLabel(Stamping.MANAGED_BY, Stamping.BERTH)
                    : operation.withLabel(Stamping.MANAGED_BY, Stamping.BERTH);
            SharedIndexInformer<GenericKubernetesResource> informer = selected.runnableInformer(0);
            // keep trying while the cluster is away: an outage must not end the watch for good
            informer.exceptionHandler((started, failure) -> {
                failed(failure);
                return true;
            });
            informer.addEventHandler(new Forwarder());
            watches.put(kind, new KindWatch(type.get(), informer, scalePathsOf(type.get()), new AtomicBoolean()));
            informer.start();
        } catch (KubernetesClientException e) {
            failed(e);
            log.debug("Could not watch {} on {} yet: {}", kind, cluster, lastFailure);
        }
    }

    private ScalePaths scalePathsOf(ResourceDefinitionContext type) {
        if (!HealthJudge.isCustomResource(type.getGroup() + "/" + type.getVersion())) {
            return null; // built-in kinds have no CRD
        }
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName(type.getPlural() + "." + type.getGroup()).get();
        return ScalePaths.of(crd, type.getVersion()).orElse(null);
    }

    /** Passes each change on by namespace and application; an update that changed nothing is no change. */
    private final class Forwarder implements ResourceEventHandler<GenericKubernetesResource> {

        @Override
        public void onAdd(GenericKubernetesResource object) {
            forward(object);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            if (!Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
                forward(after);
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            forward(object);
        }

        private void forward(GenericKubernetesResource object) {
            Map<String, String> labels = object.getMetadata().getLabels();
            String application = labels == null ? null : labels.get(Stamping.APPLICATION);
            if (application != null) {
                listener.changed(cluster, object.getMetadata().getNamespace(), application);
            }
        }
    }

    @Override
    public synchronized void close() {
        watches.values().forEach(w -> w.informer().stop());
        watches.clear();
    }
}
