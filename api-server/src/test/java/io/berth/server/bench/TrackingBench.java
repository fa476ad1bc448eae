package io.berth.server.bench;

import io.berth.engine.ObjectRef;
import io.berth.engine.ResourceTypes;
import io.berth.engine.drift.DriftDetector;
import io.berth.engine.drift.ObjectDrift;
import io.berth.engine.health.CustomHealthRule;
import io.berth.engine.health.HealthJudge;
import io.berth.engine.health.LiveReader;
import io.berth.engine.health.Observation;
import io.berth.engine.health.TargetHealth;
import io.berth.engine.watch.WatchedKind;
import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.BerthApplication;
import io.berth.server.status.DesiredObject;
import io.berth.server.status.StatusTracker;
import io.berth.server.status.TargetChanges;
import io.berth.server.status.TrackedTarget;
import io.berth.server.status.TrackedTargets;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.WholeBerth;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.management.JMException;
import javax.management.ObjectName;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * How fast, how exactly and at what cost the status tracker follows many clusters. In one JVM: N
 * simulated clusters and a whole Berth (embedded PostgreSQL); A applications of nginx-web (1 replica),
 * each on every cluster in a namespace of its own. Then: S changes made on a cluster as a user would
 * (image patched, pod deleted, scaled by hand), each timed until the API shows it; a minute of pod
 * churn and drift, with the same samples taken meanwhile, after which every target's recorded state is
 * compared with the cluster judged afresh; the database writes of a quiet period; heap and
 * connections per watched cluster.
 * A {@code main}, not a test; see docs/tracking-benchmark.md for how to run it and the figures.
 *
 * <p>Arguments: clusters (default 20), applications per cluster (default 25), samples (default 100),
 * Berth replicas on the one database (default 1).
 */
public final class TrackingBench {

    private static final String TOKEN = "berth_bench-admin-token-0123456789abcdefghij";
    private static final String IMAGE = "nginx:1.27";
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    /**
     * Pods take as long to become Ready as the visibility target (2 s): a deleted pod keeps its
     * StatefulSet unready at least that long, so a tracker within target cannot miss the change.
     */
    private static final Duration READINESS_DELAY = Duration.ofSeconds(2);
    private static final Duration REFRESH = Duration.ofSeconds(5); // berth.status.refresh-interval (its default)
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration MISSED_AFTER = Duration.ofSeconds(10);
    private static final Duration CHURN = Duration.ofSeconds(60);
    /** Fields for the figures of the benchmark suite ({@link Outcome}). */
    private final Duration churnFor;
    private final Duration quietFor;
    /** How long the clusters get to become quiet after the churn before the comparison goes ahead anyway. */
    private final Duration settleAtMost;
    /** Berth replicas on the one database, each watching its share of the clusters. */
    private final int replicas;
    private final List<Sample> quietSamples = new ArrayList<>();
    private final List<Sample> churnSamples = new ArrayList<>();
    private int changesMade;
    private long churnWrites;
    private long quietWrites;
    private long quietTargetsRead;
    private int mismatches;
    private double heapPerClusterMb;
    private static final int POD_DELETIONS_PER_SECOND = 10;
    private static final Duration DRIFT_TOGGLE_EVERY = Duration.ofSeconds(1);
    /**
     * Longer than the HTTP client's keep-alive (60 s): when the quiet period ends, the request
     * connections have timed out and the connections left to a cluster are its watches.
     */
    private static final Duration QUIET = Duration.ofSeconds(65);

    /**
     * What the benchmark suite reports: the latency of every change sampled (nanoseconds, null when
     * missed), the changes the churn made and the writes they caused, the writes of the quiet period,
     * the targets whose recorded state differed from their cluster at the end, the watches' heap per cluster.
     */
    public record Outcome(List<Long> latencies, int changesMade, long churnWrites, long quietWrites, long quietTargetsRead,
                          int mismatches, double heapPerClusterMb, int targets) {
    }

    public TrackingBench() {
        this(CHURN, QUIET, Duration.ofMinutes(3), 1);
    }

    /** With a shorter churn, quiet period and wait for the clusters to settle: the suite's smoke run. */
    public TrackingBench(Duration churnFor, Duration quietFor, Duration settleAtMost, int replicas) {
        this.replicas = replicas;
        this.churnFor = churnFor;
        this.quietFor = quietFor;
        this.settleAtMost = settleAtMost;
    }

    /** {@code   12:   3456   789012  java.lang.String (java.base@17)}: instances, bytes, class. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random();
    private final List<Target> targets = new ArrayList<>();
    private final Map<Target, TrackedTarget> tracked = new HashMap<>();
    private final Map<Target, List<DesiredObject>> desired = new HashMap<>();
    private final Counting counting = new Counting();
    private Trackers tracker;
    private TrackedTargets trackedTargets;
    private Api api;
    private String base;

    /** An application on one cluster, in its own namespace (named like the application). */
    record Target(SimulatedCluster cluster, String app) {

        RollableScalableResource<StatefulSet> workload() {
            return cluster.client().apps().statefulSets().inNamespace(app).withName("web");
        }

        @Override
        public String toString() {
            return app + "@" + cluster.name();
        }
    }

    /** A change made, and how to put it back. */
    record Made(long startNanos, Runnable revert) {
    }

    /** What is (or is recorded to be) true of a target: the things the tracker follows. */
    record State(String health, String reason, String syncStatus, List<String> drift) {
    }

    /** One change timed: {@code nanos} null when the API never showed it; {@code at} to match it with the log. */
    record Sample(Change change, Target target, Long nanos, Instant at) {
    }

    /** The changes a user makes on a cluster with kubectl, and what the API shows once Berth has seen one. */
    enum Change {
        IMAGE_PATCHED {
            @Override
            Made make(Target t, int n) {
                String before = t.workload().get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
                long start = System.nanoTime();
                setImage(t, IMAGE + "-bench-" + n);
                return new Made(start, () -> setImage(t, before));
            }

            @Override
            boolean visible(JsonNode target) {
                return "OutOfSync".equals(target.path("syncStatus").asString()) && driftPaths(target).anyMatch(p -> p.endsWith(".image"));
            }
        },
        POD_DELETED {
            @Override
            Made make(Target t, int n) {
                long start = System.nanoTime();
                t.cluster().client().pods().inNamespace(t.app()).withName("web-0").delete();
                return new Made(start, () -> { }); // its StatefulSet brings it back
            }

            @Override
            boolean visible(JsonNode target) {
                return !"Healthy".equals(target.path("health").asString());
            }
        },
        SCALED_BY_HAND {
            @Override
            Made make(Target t, int n) {
                int before = t.workload().get().getSpec().getReplicas();
                long start = System.nanoTime();
                t.workload().scale(before + 1);
                return new Made(start, () -> t.workload().scale(before));
            }

            @Override
            boolean visible(JsonNode target) {
                return "OutOfSync".equals(target.path("syncStatus").asString()) && driftPaths(target).anyMatch("spec.replicas"::equals);
            }
        };

        /** Makes the change; the start time is taken just before the request that makes it. */
        abstract Made make(Target target, int n);

        abstract boolean visible(JsonNode target);

        private static void setImage(Target t, String image) {
            t.workload().patch(PatchContext.of(PatchType.JSON),
                    "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"" + image + "\"}]");
        }

        private static java.util.stream.Stream<String> driftPaths(JsonNode target) {
            return StreamSupport.stream(target.path("drift").spliterator(), false)
                    .flatMap(o -> StreamSupport.stream(o.path("fields").spliterator(), false))
                    .map(f -> f.path("path").asString());
        }
    }

    public static void main(String[] args) throws Exception {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int applications = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int replicas = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        new TrackingBench(CHURN, QUIET, Duration.ofMinutes(3), replicas).run(clusters, applications, samples);
    }

    public Outcome run(int clusters, int applications, int samples) throws Exception {
        Path data = Files.createTempDirectory("berth-bench-");
        say("start: %s, %s %s, %d processors, max heap %d MB, load average %s", Instant.now(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        List<ConfigurableApplicationContext> more = new ArrayList<>();
        try (KubeSim sim = new KubeSim(SimulatorSettings.defaults().withReadinessDelay(READINESS_DELAY));
             ConfigurableApplicationContext berth = start(Map.of("berth.data-dir", data.toString()))) {
            int port = ((WebServerApplicationContext) berth).getWebServer().getPort();
            api = new Api(port);
            base = "http://localhost:" + port;
            for (int r = 2; r <= replicas; r++) {
                more.add(start(WholeBerth.onDatabaseOf(berth, Map.of())));
            }
            List<ConfigurableApplicationContext> all = new ArrayList<>(List.of(berth));
            all.addAll(more);
            tracker = new Trackers(all.stream().map(c -> c.getBean(StatusTracker.class)).toList());
            say("%d Berth replica(s) on one database", all.size());
            trackedTargets = berth.getBean(TrackedTargets.class);
            deploy(sim, clusters, applications);
            connections("after the deploy");
            latency(samples);
            connections("after the latency samples");
            long writesBeforeChurn = tracker.healthWrites();
            churn();
            settleAndCompare();
            churnWrites = tracker.healthWrites() - writesBeforeChurn;
            connections("after churn and comparison");
            quietWindow(churnWrites);
            memoryAndConnections(sim.clusters());
            more.forEach(ConfigurableApplicationContext::close);
            more.clear();
        } finally {
            // the first replica's database goes with it: the others stop first (here, after an exception,
            // they stop after it and complain of the lost database: harmless)
            more.forEach(ConfigurableApplicationContext::close);
        }
        say("end: %s, load average %s", Instant.now(), loadAverage());
        List<Long> latencies = new ArrayList<>();
        quietSamples.forEach(sample -> latencies.add(sample.nanos()));
        churnSamples.forEach(sample -> latencies.add(sample.nanos()));
        return new Outcome(latencies, changesMade, churnWrites, quietWrites, quietTargetsRead, mismatches, heapPerClusterMb,
                targets.size());
    }

    // ---- 1. clusters, applications, all Healthy ----

    private void deploy(KubeSim sim, int clusters, int applications) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 1; i <= clusters; i++) {
            SimulatedCluster cluster = sim.startCluster("c%02d".formatted(i));
            api.post("/api/v1/clusters", TOKEN, Map.of("name", cluster.name(), "kubeconfig", cluster.kubeconfig())).expect(201);
        }
        api.post("/api/v1/template-sets/seeds", TOKEN, Map.of()).expect(200);
        say("%d clusters started and registered in %s", clusters, since(start));
        start = System.nanoTime();
        for (int a = 1; a <= applications; a++) {
            String app = "app-%02d".formatted(a);
            List<Map<String, Object>> where = new ArrayList<>();
            for (SimulatedCluster cluster : sim.clusters()) {
                where.add(Map.of("cluster", cluster.name(), "namespace", app));
                targets.add(new Target(cluster, app));
            }
            api.post("/api/v1/applications", TOKEN, Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                    "values", Map.of("replicas", 1, "image", IMAGE), "targets", where)).expect(202);
        }
        while (!allClean(applications)) {
            if (System.nanoTime() - start > Duration.ofMinutes(15).toNanos()) {
                throw new IllegalStateException("the targets did not all become Healthy and Synced within 15 minutes");
            }
            Thread.sleep(1000);
        }
        say("%d applications x %d clusters = %d targets (1 replica each) deployed, all Healthy and Synced through the API in %s",
                applications, clusters, targets.size(), since(start));
        Map<String, TrackedTarget> byKey = new HashMap<>();
        trackedTargets.all().forEach(t -> byKey.put(t.application() + "@" + t.cluster(), t));
        for (Target t : targets) {
            tracked.put(t, Objects.requireNonNull(byKey.get(t.toString()), "not tracked: " + t));
            desired.put(t, trackedTargets.desired(tracked.get(t))); // its revision is immutable: rendered once
        }
    }

    private boolean allClean(int applications) {
        for (int a = 1; a <= applications; a++) {
            for (JsonNode target : application("app-%02d".formatted(a)).path("targets")) {
                if (!clean(target)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean clean(JsonNode target) {
        return "Healthy".equals(target.path("health").asString()) && "Synced".equals(target.path("syncStatus").asString())
                && target.path("drift").isEmpty();
    }

    // ---- 2. latency: one change at a time, one poller ----

    private void latency(int samples) throws InterruptedException {
        List<Sample> results = new ArrayList<>();
        for (int n = 0; n < samples; n++) {
            results.add(sample(Change.values()[n % Change.values().length], pick(), n));
        }
        report("nothing else changing", results);
        quietSamples.addAll(results);
    }

    /**
     * Waits until the target is clean, makes one change, polls the API until it shows it (or
     * {@code MISSED_AFTER} passed), puts it back and waits until the target is clean again.
     */
    private Sample sample(Change change, Target target, int n) throws InterruptedException {
        awaitSettled(target);
        Instant at = Instant.now();
        Made made = change.make(target, n);
        Long nanos = null;
        while (System.nanoTime() - made.startNanos() < MISSED_AFTER.toNanos()) {
            if (change.visible(targetView(target))) {
                nanos = System.nanoTime() - made.startNanos();
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        made.revert().run();
        awaitSettled(target);
        return new Sample(change, target, nanos, at);
    }

    private static void report(String when, List<Sample> results) {
        say("latency from a change on a cluster to the API showing it, %s (%d samples, one at a time, polled every %d ms):",
                when, results.size(), POLL.toMillis());
        for (Change change : Change.values()) {
            say("  %-15s %s", change, Percentiles.of(results.stream().filter(s -> s.change() == change).map(Sample::nanos).toList()));
        }
        say("  %-15s %s", "all", Percentiles.of(results.stream().map(Sample::nanos).toList()));
        results.stream().filter(s -> s.nanos() == null || s.nanos() > Duration.ofSeconds(1).toNanos())
                .forEach(s -> say("    over 1 s: %s on %s at %s: %s", s.change(), s.target(), s.at(), Percentiles.format(s.nanos())));
    }

    /** Until the API shows the target clean and the cluster agrees (a deleted pod is back and Ready). */
    private void awaitSettled(Target target) throws InterruptedException {
        long start = System.nanoTime();
        while (!(clean(targetView(target)) && truth(target).health().equals("Healthy"))) {
            if (System.nanoTime() - start > Duration.ofSeconds(60).toNanos()) {
                say("    %s did not settle within 60 s: %s / truth %s", target, recorded(targetView(target)), truth(target));
                return;
            }
            Thread.sleep(100);
        }
    }

    // ---- 3. churn, then every recorded state against the clusters ----

    /**
     * Deletes pods and drifts objects in the background while the same kind of samples as above are taken
     * on other targets: the churn leaves alone the target being sampled, and the sample starts once it
     * is clean.
     */
    private void churn() throws InterruptedException {
        ScheduledExecutorService driver = Executors.newScheduledThreadPool(2);
        AtomicReference<Target> sampled = new AtomicReference<>();
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger drifts = new AtomicInteger();
        AtomicInteger reverted = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Map<Target, Runnable> drifted = new ConcurrentHashMap<>();
        driver.scheduleAtFixedRate(() -> guarded(failures, () -> {
            Target t = pick();
            if (!t.equals(sampled.get())) {
                Change.POD_DELETED.make(t, 0);
                deleted.incrementAndGet();
            }
        }), 0, 1000 / POD_DELETIONS_PER_SECOND, TimeUnit.MILLISECONDS);
        driver.scheduleAtFixedRate(() -> guarded(failures, () -> {
            // half the time put back a drift made before, else drift another target: some stay drifted, on purpose
            List<Target> undo = List.copyOf(drifted.keySet());
            if (!undo.isEmpty() && random.nextBoolean()) {
                drifted.remove(undo.get(random.nextInt(undo.size()))).run();
                reverted.incrementAndGet();
                return;
            }
            Target t = pick();
            if (!drifted.containsKey(t) && !t.equals(sampled.get())) {
                int n = drifts.incrementAndGet();
                drifted.put(t, (n % 2 == 0 ? Change.IMAGE_PATCHED : Change.SCALED_BY_HAND).make(t, 1000 + n).revert());
            }
        }), 500, DRIFT_TOGGLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        List<Sample> results = new ArrayList<>();
        for (int n = 0; System.nanoTime() - start < churnFor.toNanos(); n++) {
            Target t = pick();
            if (drifted.containsKey(t)) {
                continue;
            }
            sampled.set(t);
            results.add(sample(Change.values()[n % Change.values().length], t, 2000 + n));
            sampled.set(null);
        }
        driver.shutdown();
        driver.awaitTermination(30, TimeUnit.SECONDS);
        say("churn: %s, %d pods deleted, %d drifts made (image patched or scaled by hand), %d put back, %d left in place, "
                + "%d failed cluster calls", since(start), deleted.get(), drifts.get(), reverted.get(), drifted.size(), failures.get());
        report("during the churn", results);
        churnSamples.addAll(results);
        changesMade = deleted.get() + drifts.get() + reverted.get();
    }

    /** Waits for the clusters to stop moving and the tracker to catch up, then compares every target. */
    private void settleAndCompare() throws InterruptedException {
        long quiet = System.nanoTime();
        List<String> busy;
        while (!(busy = notQuiet()).isEmpty() && System.nanoTime() - quiet < settleAtMost.toNanos()) {
            Thread.sleep(500);
        }
        say("clusters %s %s after the churn; waiting one refresh and 2 s", busy.isEmpty()
                ? "quiet (every StatefulSet ready and rolled out)" : "NOT quiet: " + busy, since(quiet));
        Thread.sleep(REFRESH.plusSeconds(2).toMillis());
        List<Target> wrong = compare();
        mismatches = wrong.size();
        if (!wrong.isEmpty()) {
            Thread.sleep(REFRESH.multipliedBy(2).toMillis());
            mismatches = compare(wrong).size();
            say("  after two more refreshes: %d of those still differ", mismatches);
        }
    }

    private List<Target> compare() {
        return compare(targets);
    }

    /** Reads the clusters, the API, the clusters again: a target whose truth moved meanwhile is not judged. */
    private List<Target> compare(List<Target> which) {
        long start = System.nanoTime();
        Map<Target, State> before = new HashMap<>();
        which.forEach(t -> before.put(t, truth(t)));
        Map<Target, State> shown = new HashMap<>();
        Map<String, JsonNode> views = new HashMap<>();
        for (Target t : which) {
            JsonNode app = views.computeIfAbsent(t.app(), this::application);
            shown.put(t, recorded(targetIn(app, t)));
        }
        List<Target> wrong = new ArrayList<>();
        int moving = 0;
        for (Target t : which) {
            State truth = truth(t);
            if (!truth.equals(before.get(t))) {
                moving++;
            } else if (!truth.equals(shown.get(t))) {
                wrong.add(t);
                say("    MISMATCH %s: Berth shows %s, the cluster is %s", t, shown.get(t), truth);
            }
        }
        long driftedTruth = which.stream().filter(t -> !before.get(t).drift().isEmpty()).count();
        long unhealthyTruth = which.stream().filter(t -> !before.get(t).health().equals("Healthy")).count();
        say("compared %d targets (%d drifted, %d not Healthy on their clusters) in %s: %d mismatches, %d still changing",
                which.size(), driftedTruth, unhealthyTruth, since(start), wrong.size(), moving);
        return wrong;
    }

    /** Berth's StatefulSets that do not have all their replicas ready and updated yet, on every cluster. */
    private List<String> notQuiet() {
        List<String> busy = new ArrayList<>();
        targets.stream().map(Target::cluster).distinct().forEach(cluster -> cluster.client().apps().statefulSets()
                .inAnyNamespace().withLabel("app.kubernetes.io/managed-by", "berth").list().getItems().forEach(sts -> {
                    var status = sts.getStatus();
                    Integer want = sts.getSpec().getReplicas();
                    if (status == null || !Objects.equals(status.getReadyReplicas(), want)
                            || !Objects.equals(status.getUpdatedReplicas(), want)
                            || !Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())
                            || !Objects.equals(status.getObservedGeneration(), sts.getMetadata().getGeneration())) {
                        busy.add(sts.getMetadata().getNamespace() + "@" + cluster.name() + " spec.replicas=" + want
                                + " generation=" + sts.getMetadata().getGeneration() + " status=" + status);
                    }
                }));
        return busy;
    }

    /**
     * The target as it is on its cluster, judged afresh: the engine's judge on a live read (not the
     * tracker's caches), and what Berth applied compared with the live objects.
     */
    private State truth(Target t) {
        KubernetesClient client = t.cluster().client();
        TrackedTarget target = tracked.get(t);
        Map<String, CustomHealthRule> rules = trackedTargets.rules(target.applicationId(), target.revision());
        List<Observation> seen = new ArrayList<>();
        for (ObjectRef ref : target.objects()) {
            if (HealthJudge.carriesHealth(ref.apiVersion(), ref.kind(), rules.containsKey(ref.kind()))) {
                seen.add(new LiveReader().observe(client, ref, rules.get(ref.kind())));
            }
        }
        TargetHealth health = TargetHealth.of(seen);
        List<String> drift = new ArrayList<>();
        for (DesiredObject object : desired.get(t)) {
            Map<String, Object> live = ResourceTypes.find(client, object.ref().apiVersion(), object.ref().kind())
                    .map(type -> ResourceTypes.resource(client, type, object.ref()).get()).map(LiveReader::tree).orElse(null);
            DriftDetector.compare(object.ref(), object.applied(), live).ifPresent(d -> drift.addAll(words(d)));
        }
        return new State(health.health().name(), health.reason(), drift.isEmpty() ? "Synced" : "OutOfSync", sorted(drift));
    }

    /** The target as the API shows it. */
    private static State recorded(JsonNode target) {
        List<String> drift = new ArrayList<>();
        for (JsonNode object : target.path("drift")) {
            String name = object.path("object").path("kind").asString() + "/" + object.path("object").path("name").asString();
            if (object.path("missing").asBoolean()) {
                drift.add(name + " missing");
            }
            for (JsonNode field : object.path("fields")) {
                drift.add(name + " " + field.path("path").asString() + ": " + text(field.path("applied")) + " -> " + text(field.path("live")));
            }
        }
        return new State(target.path("health").asString(), text(target.path("healthReason")), target.path("syncStatus").asString(),
                sorted(drift));
    }

    private static List<String> words(ObjectDrift drift) {
        String name = drift.object().describe();
        List<String> out = new ArrayList<>();
        if (drift.missing()) {
            out.add(name + " missing");
        }
        drift.fields().forEach(f -> out.add(name + " " + f.path() + ": " + f.applied() + " -> " + f.live()));
        return out;
    }

    // ---- 4. writes while nothing changes ----

    private void quietWindow(long churnWrites) throws InterruptedException {
        long writes = tracker.healthWrites();
        long refreshes = counting.refreshes.get();
        long read = counting.targetsRead.get();
        long start = System.nanoTime();
        Thread.sleep(quietFor.toMillis());
        quietWrites = tracker.healthWrites() - writes;
        long quietRefreshes = counting.refreshes.get() - refreshes;
        quietTargetsRead = counting.targetsRead.get() - read;
        say("writes (health + drift) during churn and settling: %d; in a quiet %s: %d, while %d refreshes read %d targets from the"
                + " database (of %d) and queued them for judgement; writes seen by the database interface since start: %d, "
                + "healthWrites(): %d", churnWrites, since(start), quietWrites, quietRefreshes, quietTargetsRead, targets.size(),
                counting.writes.get(), tracker.healthWrites());
    }

    // ---- 5. heap and connections per watched cluster ----

    private void memoryAndConnections(List<SimulatedCluster> clusters) throws InterruptedException {
        Map<Integer, Integer> connectionsWatched = connections("after the quiet period, watches open");
        Map<String, Set<WatchedKind>> kinds = tracker.watchedKinds();
        int cached = tracker.cachedObjects();
        long watched = heapAfterGc();
        Map<String, Long> watchedClasses = liveBytesByClass();
        tracker.destroy(); // closes every informer (and so every watch connection) and drops its cache
        Thread.sleep(2000);
        long unwatched = heapAfterGc();
        Map<String, Long> unwatchedClasses = liveBytesByClass();
        // The tracker also keeps, per target, the target as read from the database and its objects as
        // applied; destroy() does not drop them. This bench holds the same records (tracked, desired):
        // what dropping them frees is their size.
        tracked.clear();
        desired.clear();
        long withoutRecords = heapAfterGc();
        connections("after the tracker's watches were closed");
        double mb = 1 << 20;
        heapPerClusterMb = (watched - unwatched) / mb / clusters.size();
        long liveWatched = watchedClasses.values().stream().mapToLong(Long::longValue).sum();
        long liveUnwatched = unwatchedClasses.values().stream().mapToLong(Long::longValue).sum();
        say("heap used: %.1f MB with %d clusters watched, %.1f MB with the watches closed: %.2f MB per cluster for its watches "
                + "(%d objects cached, %.1f per cluster); per-target records of the same kind as the tracker keeps: %.2f MB "
                + "per cluster of %d targets", watched / mb, kinds.size(), unwatched / mb, (watched - unwatched) / mb / clusters.size(),
                cached, cached / (double) clusters.size(), (unwatched - withoutRecords) / mb / clusters.size(),
                targets.size() / clusters.size());
        say("live objects (class histogram, no garbage counted): %.1f MB watched, %.1f MB closed: %.2f MB per cluster",
                liveWatched / mb, liveUnwatched / mb, (liveWatched - liveUnwatched) / mb / clusters.size());
        say("  what the watches held, by class (live bytes watched minus closed, per cluster):");
        watchedClasses.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - unwatchedClasses.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> say("    %8.1f KB  %s", e.getValue() / 1024.0 / clusters.size(), e.getKey()));
        for (SimulatedCluster cluster : clusters) {
            say("  %s: watched kinds (one informer, one watch, each) %s; connections from Berth: %d", cluster.name(),
                    kinds.get(cluster.name()), connectionsWatched.getOrDefault(URI.create(cluster.url()).getPort(), 0));
        }
    }

    /**
     * Berth's TCP connections to each cluster's API server (to its port: the simulator's own controllers
     * reach the server on another), compared with the kinds watched there: watches plus request connections.
     */
    private Map<Integer, Integer> connections(String when) {
        Map<Integer, Integer> byPort = Connections.byRemotePort();
        Map<String, Set<WatchedKind>> kinds = tracker.watchedKinds();
        List<String> other = new ArrayList<>();
        int total = 0;
        for (SimulatedCluster cluster : targets.stream().map(Target::cluster).distinct().toList()) {
            int open = byPort.getOrDefault(URI.create(cluster.url()).getPort(), 0);
            int watches = kinds.getOrDefault(cluster.name(), Set.of()).size();
            total += open;
            if (open != watches) {
                other.add(cluster.name() + "=" + open + "/" + watches);
            }
        }
        say("connections %s: %d in all, %d clusters watched; clusters with other than one per watched kind (open/kinds): %s", when, total,
                kinds.size(), other.isEmpty() ? "none" : other);
        return byPort;
    }

    /** Live bytes per class, from the JVM's class histogram (which collects the garbage first). */
    private static Map<String, Long> liveBytesByClass() {
        Map<String, Long> bytes = new HashMap<>();
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : histogram.split("\n")) {
                Matcher row = HISTOGRAM_ROW.matcher(line);
                if (row.find()) {
                    bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
                }
            }
        } catch (JMException e) {
            say("  (no class histogram in this JVM: %s)", e);
        }
        return bytes;
    }

    /**
     * Heap used after a full collection, the least of five readings: Berth's and the simulator's threads
     * keep allocating (a refresh reads every target from the database), and a reading taken just after
     * such a burst counts its garbage too.
     */
    private static long heapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    // ---- helpers ----

    private Target pick() {
        return targets.get(random.nextInt(targets.size()));
    }

    private JsonNode targetView(Target t) {
        return targetIn(application(t.app()), t);
    }

    private static JsonNode targetIn(JsonNode application, Target t) {
        for (JsonNode target : application.path("targets")) {
            if (t.cluster().name().equals(target.path("cluster").asString())) {
                return target;
            }
        }
        throw new IllegalStateException("no target " + t);
    }

    /** GET /api/v1/applications/{name} through one client (the pollers' requests reuse its connection). */
    private JsonNode application(String name) {
        try {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/applications/" + name))
                    .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException(name + ": " + reply.statusCode() + " " + reply.body());
            }
            return Api.JSON.readTree(reply.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void guarded(AtomicInteger failures, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            failures.incrementAndGet(); // a scheduled task that throws is never run again
        }
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asString();
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }


    private static String since(long startNanos) {
        return Duration.ofMillis((System.nanoTime() - startNanos) / 1_000_000).toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }

    /** p50, p90, p99 and max of latencies, a missed change counting as slower than any seen. */
    static final class Percentiles {

        static String of(List<Long> nanos) {
            if (nanos.isEmpty()) {
                return "n=0";
            }
            List<Long> sorted = nanos.stream().sorted((a, b) -> a == null ? (b == null ? 0 : 1) : b == null ? -1 : Long.compare(a, b)).toList();
            long missed = nanos.stream().filter(Objects::isNull).count();
            return "n=%d p50=%s p90=%s p99=%s max=%s missed=%d".formatted(sorted.size(), format(at(sorted, 0.50)),
                    format(at(sorted, 0.90)), format(at(sorted, 0.99)), format(sorted.get(sorted.size() - 1)), missed);
        }

        /** Nearest rank. */
        private static Long at(List<Long> sorted, double p) {
            return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
        }

        static String format(Long nanos) {
            return nanos == null ? "missed(>" + MISSED_AFTER.toSeconds() + "s)" : "%d ms".formatted(nanos / 1_000_000);
        }
    }

    /** Established TCP connections by remote port, from the kernel's tables (Linux; empty elsewhere). */
    static final class Connections {

        static Map<Integer, Integer> byRemotePort() {
            Map<Integer, Integer> counts = new HashMap<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    List<String> lines = Files.readAllLines(Path.of(table));
                    for (String line : lines.subList(1, lines.size())) {
                        String[] f = line.trim().split("\\s+");
                        if (f[3].equals("01")) { // ESTABLISHED
                            counts.merge(Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16), 1, Integer::sum);
                        }
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // not Linux, or no such table: nothing counted
                }
            }
            return counts;
        }
    }

    /**
     * Counts, without changing anything, the tracker's reads of its targets (one per refresh) and its
     * writes, by wrapping the applications' {@link TrackedTargets} bean.
     */
    /** A Berth with the benchmark's settings (and these), its tracker's reads and writes counted. */
    private ConfigurableApplicationContext start(Map<String, Object> settings) {
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("server.port", "0", "berth.bootstrap-token", TOKEN,
                "berth.encryption.key", KEY, // one key for every replica: each decrypts what another registered
                "berth.clusters.probe-scheduler", "false", "berth.status.refresh-interval", REFRESH.toSeconds() + "s",
                "berth.operations.poll-interval", "200ms", "logging.level.root", "WARN",
                // a watch lost and listed again shows in the output (it explains extra connections)
                "logging.level.io.berth.server.status.ClusterWatches", "INFO"));
        properties.putAll(settings);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(BerthApplication.class)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(counting)).run(args);
    }

    /** The trackers of every replica, as one: each watches the clusters it holds. */
    private record Trackers(List<StatusTracker> all) {

        long healthWrites() {
            return all.stream().mapToLong(StatusTracker::healthWrites).sum();
        }

        int cachedObjects() {
            return all.stream().mapToInt(StatusTracker::cachedObjects).sum();
        }

        Map<String, Set<WatchedKind>> watchedKinds() {
            Map<String, Set<WatchedKind>> kinds = new HashMap<>();
            all.forEach(tracker -> kinds.putAll(tracker.watchedKinds()));
            return kinds;
        }

        void destroy() {
            all.forEach(StatusTracker::destroy);
        }
    }

    static final class Counting implements BeanPostProcessor {

        final AtomicLong refreshes = new AtomicLong();
        /** Targets the refreshes read from the database (all of them, or those changed). */
        final AtomicLong targetsRead = new AtomicLong();
        final AtomicLong writes = new AtomicLong();

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (!(bean instanceof TrackedTargets real)) {
                return bean;
            }
            return Proxy.newProxyInstance(TrackedTargets.class.getClassLoader(), new Class<?>[] {TrackedTargets.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "all", "changedSince" -> refreshes.incrementAndGet();
                    case "record", "recordDrift" -> writes.incrementAndGet();
                    default -> { }
                }
                try {
                    Object result = method.invoke(real, args);
                    if (result instanceof List<?> all) {
                        targetsRead.addAndGet(all.size());
                    } else if (result instanceof TargetChanges changes) {
                        targetsRead.addAndGet(changes.followed().size());
                    }
                    return result;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }
}
