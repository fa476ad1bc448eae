package io.berth.server.status;

import io.berth.cluster.ClusterRegistry;
import io.berth.server.applications.AppliedObject;
import io.berth.server.applications.ApplicationRenderer;
import io.berth.server.applications.ApplicationStore;
import io.berth.server.applications.ApplicationStore.TrackedTarget;
import io.berth.server.database.DatabaseFaults;
import io.berth.engine.ObjectRef;
import io.berth.engine.health.CustomHealthRule;
import io.berth.engine.health.Health;
import io.berth.engine.health.HealthJudge;
import io.berth.engine.health.LiveReader;
import io.berth.engine.health.Observation;
import io.berth.engine.health.TargetHealth;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows the health of every deployed target by looking at its workloads at a fixed interval, one
 * task per cluster (a slow cluster delays only its own targets), and writes a target's health to
 * Postgres only when it changed. A cluster that cannot be read makes its targets {@code Stale}, the
 * last known health kept in the reason. Health is judged by the engine's {@link HealthJudge}.
 */
@Component
public class StatusTracker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StatusTracker.class);

    private final ApplicationStore applications;
    private final ApplicationRenderer renderer;
    private final ClusterRegistry clusters;
    private final StatusSettings settings;
    private final Clock clock;
    private final LiveReader reader = new LiveReader();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-status"));
    private final ExecutorService pool;

    public StatusTracker(ApplicationStore applications, ApplicationRenderer renderer, ClusterRegistry clusters,
                         StatusSettings settings, Clock clock) {
        this.applications = applications;
        this.renderer = renderer;
        this.clusters = clusters;
        this.settings = settings;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(settings.parallelism(), r -> daemon(r, "berth-status-cluster"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (settings.enabled()) {
            long every = settings.interval().toMillis();
            scheduler.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Looks at every tracked target once. */
    public void round() {
        try {
            Map<String, List<TrackedTarget>> byCluster = new LinkedHashMap<>();
            applications.trackedTargets().forEach(t -> byCluster.computeIfAbsent(t.state().cluster(), c -> new ArrayList<>()).add(t));
            Map<String, Map<String, CustomHealthRule>> hints = new ConcurrentHashMap<>();
            List<Future<?>> running = new ArrayList<>();
            byCluster.forEach((cluster, targets) -> running.add(pool.submit(() -> track(cluster, targets, hints))));
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("A status round failed: {}", e.toString());
        }
    }

    private void track(String cluster, List<TrackedTarget> targets, Map<String, Map<String, CustomHealthRule>> hints) {
        MDC.put("cluster", cluster);
        try {
            KubernetesClient client = clusters.client(cluster);
            for (TrackedTarget target : targets) {
                Map<String, CustomHealthRule> rules = hintsOf(target, hints);
                List<Observation> seen = target.state().objects().stream().map(StatusTracker::ref)
                        .filter(ref -> HealthJudge.carriesHealth(ref.apiVersion(), ref.kind(), rules.containsKey(ref.kind())))
                        .map(ref -> reader.observe(client, ref, rules.get(ref.kind())))
                        .toList();
                TargetHealth health = TargetHealth.of(seen);
                record(target, health.health(), health.reason());
            }
        } catch (RuntimeException e) {
            if (DatabaseFaults.isDatabaseError(e)) {
                // Berth's own trouble says nothing about the cluster: its targets keep their health
                log.warn("Status of {} target(s) on {} not updated this round: the database failed ({})", targets.size(),
                        cluster, e.getClass().getSimpleName());
                return;
            }
            String why = clusters.explainFailure(cluster, e);
            targets.forEach(t -> markStale(t, why));
        } finally {
            MDC.remove("cluster");
        }
    }

    private void markStale(TrackedTarget target, String why) {
        Health last = target.state().health();
        if (last == Health.Stale) {
            return; // keep the first reason and the time it went stale
        }
        Instant since = target.state().healthSince();
        record(target, Health.Stale, why + "; last known: " + last + (since == null ? "" : " since " + since));
    }

    private void record(TrackedTarget target, Health health, String reason) {
        if (applications.updateHealth(target.applicationId(), target.state().cluster(), target.state().namespace(),
                health, reason, Instant.now(clock))) {
            log.info("{} on {}/{} is {}{}", target.application(), target.state().cluster(), target.state().namespace(),
                    health, reason == null ? "" : ": " + reason);
        }
    }

    private Map<String, CustomHealthRule> hintsOf(TrackedTarget target, Map<String, Map<String, CustomHealthRule>> cache) {
        return cache.computeIfAbsent(target.applicationId() + "@" + target.revisionApplied(), key ->
                applications.revision(target.applicationId(), target.revisionApplied())
                        .map(revision -> ApplicationRenderer.healthByKind(renderer.hints(revision.spec())))
                        .orElse(Map.of()));
    }

    private static ObjectRef ref(AppliedObject o) {
        return new ObjectRef(o.apiVersion(), o.kind(), o.namespace(), o.name());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        pool.shutdownNow();
    }
}
