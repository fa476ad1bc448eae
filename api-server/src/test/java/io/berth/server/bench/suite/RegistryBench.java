package io.berth.server.bench.suite;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.testsupport.Api;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * The registry at fleet size: {@code clusters} registered clusters probed in the background every
 * {@code interval}. Targets (from the issue): Berth's CPU share when idle under 5% of one core, and with a
 * quarter of the clusters unreachable a probe round still completing within one interval.
 *
 * <p><b>Processes.</b> Berth runs in an operating-system process of its own ({@link ChildBerth}: plain JVM
 * flags, a 512 MB heap, its embedded PostgreSQL, Berth's default settings except the probe interval, the
 * scheduler on and the status tracker as by default: nothing is deployed, so it watches nothing). The
 * simulated clusters run in the benchmark's JVM, so their cost is not counted as Berth's.
 *
 * <p><b>Idle CPU.</b> After the clusters are registered through the API and a warm-up of some intervals
 * (rounds run, the JIT compiles), Berth's CPU time ({@code ProcessHandle.info().totalCpuDuration()}) is read
 * before and after a window of several intervals in which the benchmark sends no request; CPU time over wall
 * time is the share of one core. The share with its embedded PostgreSQL processes is given beside it, and,
 * where Linux shows threads, the part of Berth's share spent by the JIT compiler threads. The JIT takes long
 * to settle here: probe code runs a few times a second, so its methods reach the compilers' thresholds one
 * after the other for many minutes (measured at 200 clusters every 30 s, minute by minute: 6 to 7 % of a core
 * in minutes 1 to 4, 5 to 6 % until minute 9, 3.5 to 4.6 % from minute 10, of which compiling 1.2 to 2.1 %).
 * So the share is measured twice: in one window after the warm-up ({@code warmUp}, given as context: what a
 * freshly started Berth costs), and over {@code repetitions} windows once Berth has been probing for
 * {@code settled} since registration (held to the target by its median, all of Berth's JVM, JIT compiling
 * included): what a Berth that runs for days costs.
 *
 * <p><b>Unreachable clusters.</b> Every fourth cluster is made unreachable, in two ways one after the other:
 * <ol>
 * <li>kube-sim's {@code faults().unreachable()}, which shuts the cluster's TCP gate: connections are
 * <em>refused</em> at once (it never hangs), so such a probe ends in milliseconds;</li>
 * <li>silent: on the port the gate gave up, a {@link SilentListener} accepts connections and never
 * answers, as a cluster behind a network that drops its answers. Each such probe lasts the probe time-out.
 * kube-sim has no fault of this kind; this is the benchmark's stand-in, not kube-sim's.</li>
 * </ol>
 * Each time the benchmark waits until the API reports those clusters {@code Unreachable} (for the silent
 * ones: with a reason other than the refusal's) and the others {@code Ready}, and fails if it does not. It
 * then reads the probe rounds from the clusters' {@code lastProbeAt} ({@link ProbeRounds}, which says how a
 * round is found and why its duration is slightly short) and measures the idle CPU again, as context. A
 * round is within the target when every round found took at most one interval and no round left a cluster
 * out; when no round can be told apart (the prober never paused), the target counts as missed only if a
 * cluster went more than 1.5 intervals without a probe (then a round had not ended when the next began).
 *
 * <p>At {@link Size#SMOKE}: 4 clusters, probed every 2 s with a 1 s time-out, windows of 2 s, Berth started with a
 * first-tier JIT only (sooner ready; its figures mean nothing anyway).
 */
public final class RegistryBench implements Bench {

    private static final String TOKEN = BenchBerth.TOKEN;
    private static final double TARGET_PERCENT = 5;
    private static final int UNREACHABLE_EVERY = 4;

    /**
     * @param pause       a time without any probe ending that shows the prober idle: must exceed the probe time-out
     * @param poll        how often the cluster list is read while rounds are observed: well under the interval
     * @param warmUp      time after registration before the first idle-CPU window (context)
     * @param settled     time after registration before the held idle-CPU windows: the JIT has settled by then
     * @param repetitions held idle-CPU windows, all clusters reachable (the other windows get {@code contextRepetitions})
     */
    record Sizes(int clusters, Duration interval, Duration probeTimeout, Duration pause, Duration poll, Duration warmUp,
                 Duration settled, Duration window, int repetitions, int contextRepetitions, int rounds) {
    }

    static final Sizes FULL = new Sizes(200, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(8),
            Duration.ofSeconds(1), Duration.ofSeconds(120), Duration.ofMinutes(12), Duration.ofSeconds(90), 3, 1, 3);
    static final Sizes SMOKE = new Sizes(4, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(1200),
            Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(2), 1, 1, 1);

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public List<Figure> run(Size size) throws Exception {
        Sizes sizes = size == Size.FULL ? FULL : SMOKE;
        long starting = System.nanoTime();
        try (KubeSim sim = new KubeSim(SimulatorSettings.defaults());
             ChildBerth berth = ChildBerth.start(name(), size == Size.SMOKE, settings(sizes))) {
            System.out.printf("   Berth (pid %d) ready after %.0f s%n", berth.pid(), (System.nanoTime() - starting) / 1e9);
            List<SimulatedCluster> clusters = register(sim, berth.api(), sizes.clusters());
            System.out.printf("   %d clusters started and registered after %.0f s%n", clusters.size(), (System.nanoTime() - starting) / 1e9);
            long registered = System.nanoTime();
            Thread.sleep(sizes.warmUp().toMillis());
            ProbeRounds rounds = new ProbeRounds(berth.api(), TOKEN);
            List<Figure> figures = new ArrayList<>();
            String fleet = "%d clusters, probed every %d s".formatted(sizes.clusters(), sizes.interval().toSeconds());
            awaitStatuses(rounds, List.of(), Map.of(), sizes);
            figures.add(idleCpu(berth, sizes, sizes.contextRepetitions(), "idle CPU of Berth, %s, all Ready, %s after registration"
                    .formatted(fleet, minutes(sizes.warmUp())), false));
            long settledIn = registered + sizes.settled().toNanos() - System.nanoTime();
            if (settledIn > 0) {
                Thread.sleep(settledIn / 1_000_000);
            }
            figures.add(idleCpu(berth, sizes, sizes.repetitions(), "idle CPU of Berth, %s, all Ready, %s after registration"
                    .formatted(fleet, minutes(sizes.settled())), true));

            List<SimulatedCluster> down = IntStream.range(0, clusters.size()).filter(i -> i % UNREACHABLE_EVERY == 0)
                    .mapToObj(clusters::get).toList();
            String quarter = "%d of %d".formatted(down.size(), clusters.size());
            down.forEach(cluster -> cluster.faults().unreachable());
            Map<String, String> refusedReasons = awaitStatuses(rounds, down, Map.of(), sizes);
            figures.add(round(rounds, sizes, "probe round, " + quarter + " refusing connections (kube-sim `unreachable()`)"));
            figures.add(idleCpu(berth, sizes, sizes.contextRepetitions(), "idle CPU of Berth, " + quarter + " refusing connections", false));

            List<SilentListener> silent = silence(down);
            try {
                awaitStatuses(rounds, down, refusedReasons, sizes);
                figures.add(round(rounds, sizes, "probe round, %s silent (never answer; probe time-out %d s)"
                        .formatted(quarter, sizes.probeTimeout().toSeconds())));
                figures.add(idleCpu(berth, sizes, sizes.contextRepetitions(), "idle CPU of Berth, " + quarter + " silent", false));
            } finally {
                for (SilentListener listener : silent) {
                    listener.close();
                }
            }
            return figures;
        }
    }

    private static String minutes(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    private static Map<String, String> settings(Sizes sizes) {
        return Map.of("berth.clusters.probe-scheduler", "true",
                "berth.clusters.probe-interval", sizes.interval().toMillis() + "ms",
                "berth.clusters.probe-timeout", sizes.probeTimeout().toMillis() + "ms");
    }

    // ---- the fleet ----

    /**
     * Starts the simulated clusters and registers each through the API. Each is probed at registration, but
     * a first probe by a cold JVM may outlast a short (smoke) time-out: that they become Ready is checked
     * after the warm-up.
     */
    private static List<SimulatedCluster> register(KubeSim sim, Api api, int count) {
        List<SimulatedCluster> clusters = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            SimulatedCluster cluster = sim.startCluster("c%03d".formatted(c));
            api.post("/api/v1/clusters", TOKEN, Map.of("name", cluster.name(), "kubeconfig", cluster.kubeconfig())).expect(201);
            clusters.add(cluster);
        }
        return clusters;
    }

    /** Makes each cluster silent: its gate is shut already; a listener that never answers takes its port. */
    private static List<SilentListener> silence(List<SimulatedCluster> clusters) throws IOException {
        List<SilentListener> listeners = new ArrayList<>();
        for (SimulatedCluster cluster : clusters) {
            listeners.add(SilentListener.on(URI.create(cluster.url()).getPort()));
        }
        return listeners;
    }

    /**
     * Waits until the API reports the clusters given {@code Unreachable}, each with a reason other than the one
     * in {@code previousReasons} (if any), and every other cluster {@code Ready}; fails after some intervals.
     * Gives the reasons.
     */
    private static Map<String, String> awaitStatuses(ProbeRounds rounds, List<SimulatedCluster> down,
                                                        Map<String, String> previousReasons, Sizes sizes) throws InterruptedException {
        Set<String> names = down.stream().map(SimulatedCluster::name).collect(Collectors.toSet());
        long deadline = System.nanoTime() + sizes.interval().multipliedBy(4).plus(sizes.probeTimeout()).toNanos();
        while (true) {
            try {
                return requireStatuses(rounds, names, previousReasons);
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            Thread.sleep(sizes.poll().toMillis());
        }
    }

    /**
     * Checks that the clusters named are {@code Unreachable} with a reason (other than their previous one, if
     * given) and all others {@code Ready}; gives the unreachable ones' reasons, or throws saying what differs.
     */
    private static Map<String, String> requireStatuses(ProbeRounds rounds, Set<String> unreachable,
                                                       Map<String, String> previousReasons) {
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode cluster : rounds.clusters()) {
            String name = cluster.get("name").asString();
            String status = cluster.get("status").asString();
            String reason = cluster.get("statusReason").isNull() ? "" : cluster.get("statusReason").asString();
            boolean shouldBeDown = unreachable.contains(name);
            Predicate<String> expected = shouldBeDown ? "Unreachable"::equals : "Ready"::equals;
            if (!expected.test(status) || shouldBeDown && (reason.isBlank() || reason.equals(previousReasons.get(name)))) {
                throw new IllegalStateException("cluster " + name + " is " + status + " (" + reason + "), expected "
                        + (shouldBeDown ? "Unreachable with a new reason" : "Ready"));
            }
            if (shouldBeDown) {
                reasons.put(name, reason);
            }
        }
        if (!reasons.keySet().equals(unreachable)) {
            throw new IllegalStateException("clusters missing from the list: " + unreachable);
        }
        return reasons;
    }

    // ---- the figures ----

    /** Berth's CPU share over idle windows, the benchmark sending nothing meanwhile; held to the target or given as context. */
    private Figure idleCpu(ChildBerth berth, Sizes sizes, int repetitions, String what, boolean held) throws InterruptedException {
        List<Double> jvm = new ArrayList<>();
        List<Double> withDatabase = new ArrayList<>();
        List<Double> compiler = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            long start = System.nanoTime();
            ChildBerth.Cpu before = berth.cpu();
            Optional<Map<String, Long>> compilerBefore = berth.compilerThreads();
            Thread.sleep(sizes.window().toMillis());
            ChildBerth.Cpu used = berth.cpu().since(before);
            Optional<Map<String, Long>> compilerAfter = berth.compilerThreads();
            double wallNanos = System.nanoTime() - start;
            jvm.add(100 * used.jvm().toNanos() / wallNanos);
            withDatabase.add(100 * used.withChildren().toNanos() / wallNanos);
            if (compilerBefore.isPresent() && compilerAfter.isPresent()) {
                compiler.add(100 * ChildBerth.compilerCpuBetween(compilerBefore.get(), compilerAfter.get()).toNanos() / wallNanos);
            }
        }
        Stats share = Stats.of(jvm);
        String value = "%s of a core%s; with its PostgreSQL %s (windows of %d s)".formatted(share.format("%"),
                compiler.isEmpty() ? "" : ", of which JIT compiling " + Stats.of(compiler).format("%"),
                Stats.of(withDatabase).format("%"), sizes.window().toSeconds());
        if (!held) {
            return Figure.context(name(), what, value);
        }
        return new Figure(name(), what, value, "", "< 5% of one core", share.median() < TARGET_PERCENT);
    }

    /** The probe rounds seen over some intervals, held to one interval each. */
    private Figure round(ProbeRounds rounds, Sizes sizes, String what) throws InterruptedException {
        Duration during = sizes.interval().multipliedBy(sizes.rounds() + 2).plus(sizes.pause());
        ProbeRounds.Observation seen = rounds.observe(during, sizes.poll(), sizes.pause());
        Duration interval = sizes.interval();
        String longest = "longest without a probe %s s".formatted(Stats.number(seconds(seen.longestUnprobed())));
        String target = "round within one interval (%d s)".formatted(interval.toSeconds());
        if (seen.rounds().isEmpty()) {
            boolean skipped = seen.longestUnprobed().compareTo(interval.multipliedBy(3).dividedBy(2)) > 0;
            return new Figure(name(), what, "no round told apart (the prober never paused %s s); %s"
                    .formatted(Stats.number(seconds(sizes.pause())), longest), "", target, skipped ? Boolean.FALSE : null);
        }
        Stats stats = Stats.of(seen.rounds().stream().map(RegistryBench::seconds).toList());
        String skipped = seen.roundsMissingClusters() == 0 ? "" : "; %d round(s) left a cluster out".formatted(seen.roundsMissingClusters());
        boolean met = stats.max() <= seconds(interval) && seen.roundsMissingClusters() == 0;
        return new Figure(name(), what, stats.format("s") + "; " + longest + skipped, "", target, met);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
