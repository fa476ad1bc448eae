package io.berth.cluster;

import io.berth.cluster.internal.ClusterCredentialsGeneration;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.ClusterEventEntity;
import io.berth.cluster.internal.ClusterEventRepository;
import io.berth.cluster.internal.ClusterRepository;
import io.berth.cluster.internal.ClusterViews;
import io.berth.cluster.internal.CredentialVault;
import io.berth.cluster.internal.KubeconfigAllowances;
import io.berth.cluster.internal.client.ClusterClients;
import io.berth.cluster.internal.kubeconfig.KubeconfigValidator;
import io.berth.cluster.internal.kubeconfig.ValidatedKubeconfig;
import io.berth.cluster.internal.lease.LeaseKeeper;
import io.berth.cluster.internal.probe.FailureClassifier;
import io.berth.cluster.internal.probe.ProbeService;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry's one entry point: register, read, edit, re-credential, probe and delete clusters.
 * Network calls (probes) run outside database transactions, so a slow cluster never holds a
 * connection or a lock.
 */
@Service
public class ClusterRegistry {

    private static final int EVENT_PAGE_MAX = 500;

    private final ClusterRepository clusters;
    private final ClusterEventRepository events;
    private final CredentialVault vault;
    private final ClusterClients clients;
    private final ProbeService probes;
    private final KubeconfigValidator validator;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final LeaseKeeper leases;
    private final ClusterViews views;

    public ClusterRegistry(ClusterRepository clusters, ClusterEventRepository events, CredentialVault vault,
                           ClusterClients clients, ProbeService probes, KubeconfigValidator validator,
                           TransactionTemplate tx, Clock clock, LeaseKeeper leases, ClusterViews views) {
        this.clusters = clusters;
        this.events = events;
        this.vault = vault;
        this.clients = clients;
        this.probes = probes;
        this.validator = validator;
        this.tx = tx;
        this.clock = clock;
        this.leases = leases;
        this.views = views;
    }

    /**
     * Validates the kubeconfig, stores the cluster with its credentials sealed, probes it once and
     * returns it with the probe's result. Nothing is stored when validation fails.
     */
    public Cluster register(ClusterRegistration registration) {
        var labels = Labels.requireValid(registration.labels());
        KubeconfigAllowances allowed = new KubeconfigAllowances(registration.allowInsecureTls(),
                registration.allowProxy());
        ValidatedKubeconfig kubeconfig = validator.validate(registration.kubeconfig(), registration.context(), allowed);
        Instant now = Instant.now(clock);
        ClusterEntity created = new ClusterEntity(registration.name(), registration.createdBy(), now);
        created.describe(registration.displayName(), registration.description(), labels, now);
        vault.store(created, kubeconfig.serverUrl(), kubeconfig.contextName(), allowed, kubeconfig.minimalKubeconfig(),
                now);
        try {
            tx.executeWithoutResult(status -> {
                if (clusters.existsByName(registration.name())) {
                    throw new ClusterAlreadyExistsException(registration.name());
                }
                clusters.saveAndFlush(created);
            });
        } catch (DataIntegrityViolationException raceOnName) {
            throw new ClusterAlreadyExistsException(registration.name());
        }
        probes.probeAndRecord(created);
        leases.nudge(); // a replica takes the new cluster now (this one, if it is the one it goes to)
        return get(registration.name());
    }

    public Cluster get(String name) {
        return views.find(name).orElseThrow(() -> new ClusterNotFoundException(name));
    }

    public Page<Cluster> list(ClusterQuery query) {
        // Label selectors are matched here rather than in SQL: the registry holds hundreds of clusters,
        // not millions, and one matcher serves both this list and cluster selection for deployments.
        List<Cluster> page = new ArrayList<>();
        String after = query.afterName() == null ? "" : query.afterName();
        int batch = Math.max(query.limit() + 1, 100);
        while (page.size() <= query.limit()) {
            List<Cluster> rows = views.page(query.status(), after, batch);
            for (Cluster row : rows) {
                if (page.size() <= query.limit() && query.labelSelector().matches(row.labels())) {
                    page.add(row);
                }
            }
            if (rows.size() < batch) {
                break;
            }
            after = rows.get(rows.size() - 1).name();
        }
        boolean more = page.size() > query.limit();
        List<Cluster> items = more ? page.subList(0, query.limit()) : page;
        return new Page<>(List.copyOf(items), more ? items.get(items.size() - 1).name() : null);
    }

    /**
     * Applies the changes; fails with {@link ClusterVersionMismatchException} when the caller's version is
     * stale, and with {@link ConcurrentClusterChangeException} when a caller without a version lost a race.
     */
    public Cluster update(String name, ClusterChanges changes) {
        var labels = Labels.requireValid(changes.labels());
        try {
            return tx.execute(status -> {
                ClusterEntity cluster = find(name);
                requireVersion(cluster, changes.expectedVersion());
                cluster.describe(changes.displayName(), changes.description(), labels, Instant.now(clock));
                clusters.saveAndFlush(cluster);
                // read back in this transaction, after the flush: what was written, with its new version
                return views.find(name).orElseThrow();
            });
        } catch (ObjectOptimisticLockingFailureException concurrentWriter) {
            throw lostRace(name, changes.expectedVersion());
        }
    }

    /** Replaces the cluster's kubeconfig (same validation as registration), drops the cached client and probes again. */
    public Cluster rotateCredentials(String name, CredentialRotation rotation, Long expectedVersion) {
        KubeconfigAllowances allowed = new KubeconfigAllowances(rotation.allowInsecureTls(), rotation.allowProxy());
        ValidatedKubeconfig kubeconfig = validator.validate(rotation.kubeconfig(), rotation.context(), allowed);
        ClusterEntity saved;
        try {
            saved = tx.execute(status -> {
                ClusterEntity cluster = find(name);
                requireVersion(cluster, expectedVersion);
                vault.store(cluster, kubeconfig.serverUrl(), kubeconfig.contextName(), allowed,
                        kubeconfig.minimalKubeconfig(), Instant.now(clock));
                return clusters.saveAndFlush(cluster);
            });
        } catch (ObjectOptimisticLockingFailureException concurrentWriter) {
            throw lostRace(name, expectedVersion);
        }
        clients.evict(saved.getId());
        probes.probeAndRecord(saved);
        return get(name);
    }

    /**
     * Deletes the cluster and closes its client.
     *
     * @throws ClusterInUseException when an application is still deployed there (the database refuses
     *                               to drop a cluster that application targets refer to)
     */
    public void delete(String name, Long expectedVersion) {
        UUID id;
        try {
            id = tx.execute(status -> {
                ClusterEntity cluster = find(name);
                requireVersion(cluster, expectedVersion);
                clusters.delete(cluster);
                clusters.flush();
                return cluster.getId();
            });
        } catch (ObjectOptimisticLockingFailureException concurrentWriter) {
            throw lostRace(name, expectedVersion);
        } catch (DataIntegrityViolationException referenced) {
            throw new ClusterInUseException(name);
        }
        clients.evict(id);
        probes.forget(id);
    }

    /** Probes the cluster now and returns it with the result. */
    public Cluster probe(String name) {
        probes.probeAndRecord(find(name));
        return get(name);
    }

    /** Status changes and other events, newest first. */
    public Page<ClusterEvent> events(String name, Long beforeId, int limit) {
        ClusterEntity cluster = find(name);
        int size = Math.min(Math.max(limit, 1), EVENT_PAGE_MAX);
        List<ClusterEventEntity> rows = events.findByClusterIdAndIdLessThanOrderByIdDesc(cluster.getId(),
                beforeId == null ? Long.MAX_VALUE : beforeId, Limit.of(size + 1));
        boolean more = rows.size() > size;
        List<ClusterEvent> items = rows.stream().limit(size)
                .map(e -> new ClusterEvent(e.getId(), e.getType(), e.getFromStatus(), e.getToStatus(), e.getReason(), e.getOccurredAt()))
                .toList();
        return new Page<>(items, more ? String.valueOf(items.get(items.size() - 1).id()) : null);
    }

    /** The cluster's namespaces, read live. Fails with {@link ClusterCallException} when the cluster does. */
    public List<String> namespaces(String name) {
        ClusterEntity cluster = find(name);
        try {
            return clients.forCluster(cluster).namespaces().list().getItems().stream()
                    .map(Namespace::getMetadata).map(m -> m.getName()).sorted().toList();
        } catch (RuntimeException e) {
            FailureClassifier.Failure failure = FailureClassifier.classify(e, cluster.getApiServerUrl());
            throw new ClusterCallException("Cluster '" + name + "': " + failure.reason(), !failure.noAnswer());
        }
    }

    /**
     * The cached client of the cluster, built from its decrypted kubeconfig; replaced when its
     * credentials change, closed when it is deleted. Callers must not close it.
     */
    public KubernetesClient client(String name) {
        return clients.forCluster(find(name));
    }

    /**
     * Clients of the named clusters that are registered (the others are left out): one read of the
     * registry for all of them, and each cluster's full record (and a new client) only where its
     * credentials changed since its client was built, or it has none yet. For callers that need many
     * clusters' clients again and again, such as the status tracker's refresh.
     */
    public Map<String, KubernetesClient> clients(Collection<String> names) {
        Map<String, KubernetesClient> found = new HashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        for (ClusterCredentialsGeneration cluster : this.clusters.findCredentialsGenerations(names)) {
            try {
                found.put(cluster.name(), clients.cached(cluster.id(), cluster.generation()).orElseGet(() -> client(cluster.name())));
            } catch (ClusterNotFoundException deletedMeanwhile) {
                // not registered any more: left out, as if it had not been found by the read above
            }
        }
        return found;
    }

    /**
     * A reason for a failed call to the cluster that is safe to store and show: the cluster's own
     * message when it answered with a Kubernetes status (e.g. why an object is invalid), else a
     * reason written by Berth (unreachable, refused credentials, TLS), never the client's message.
     */
    public String explainFailure(String name, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null
                    && k.getCode() >= 400 && k.getCode() < 500 && k.getCode() != 401 && k.getCode() != 403) {
                return "Cluster '" + name + "' answered HTTP " + k.getCode() + ": " + k.getStatus().getMessage();
            }
        }
        String server = clusters.findByName(name).map(ClusterEntity::getApiServerUrl).orElse("the cluster");
        return "Cluster '" + name + "': " + FailureClassifier.classify(error, server).reason();
    }

    private ClusterEntity find(String name) {
        return clusters.findByName(name).orElseThrow(() -> new ClusterNotFoundException(name));
    }

    /**
     * Another writer changed the cluster between this request's read and its write: a stale If-Match when
     * the caller named a version (412), otherwise a lost race (409).
     */
    private static RuntimeException lostRace(String name, Long expectedVersion) {
        return expectedVersion != null ? new ClusterVersionMismatchException(name) : new ConcurrentClusterChangeException(name);
    }

    private static void requireVersion(ClusterEntity cluster, Long expected) {
        if (expected != null && expected != cluster.getVersion()) {
            throw new ClusterVersionMismatchException(cluster.getName(), expected, cluster.getVersion());
        }
    }
}
