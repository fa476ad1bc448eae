package io.berth.kubesim.bench;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How much a hundred idle simulated clusters cost: start-up time per cluster, then, after a forced GC,
 * heap used, resident memory, threads (grouped by name) and CPU while idle. Not a test: run it by hand
 * (see docs/kube-sim.md, "Benchmark").
 *
 * <pre>
 * java -cp ... io.berth.kubesim.bench.IdleClustersBench [clusters=100] [idleSeconds=10]
 * </pre>
 */
public final class IdleClustersBench {

    // kept here: java.util.logging holds its loggers weakly
    private static final Logger REQUEST_LOG = Logger.getLogger(io.berth.kubesim.server.ApiServer.REQUEST_LOG);

    private IdleClustersBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        REQUEST_LOG.setLevel(Level.WARNING);

        System.out.printf("JVM: %s %s, %d processors, max heap %d MB, flags %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getRuntimeMXBean().getInputArguments());
        Snapshot before = Snapshot.take();
        System.out.println("before: " + before);

        List<Long> startMillis = new ArrayList<>();
        long started = System.nanoTime();
        try (KubeSim sim = KubeSim.withDefaults()) {
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                SimulatedCluster cluster = sim.startCluster();
                startMillis.add((System.nanoTime() - t) / 1_000_000);
                if ((i + 1) % 10 == 0) {
                    System.out.printf("  %d clusters started (last: %s, %d ms)%n", i + 1, cluster.name(), startMillis.get(i));
                }
            }
            long total = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("started %d clusters in %.1f s: first %d ms; others median %d ms, p90 %d ms, max %d ms, mean %d ms%n",
                    count, total / 1000.0, startMillis.get(0), percentile(startMillis, 50), percentile(startMillis, 90),
                    percentile(startMillis, 100), mean(startMillis));

            long cpuBefore = processCpuNanos();
            Thread.sleep(idleSeconds * 1000L);
            long cpuIdle = processCpuNanos() - cpuBefore;
            System.out.printf("idle for %d s: %.2f CPU seconds (%.1f%% of one core)%n", idleSeconds, cpuIdle / 1e9,
                    100.0 * cpuIdle / (idleSeconds * 1e9));

            Snapshot after = Snapshot.take();
            System.out.println("after:  " + after);
            System.out.printf("per cluster: %.2f MB heap, %.2f MB RSS, %.1f threads%n",
                    (after.heapUsed - before.heapUsed) / (double) count / (1 << 20),
                    (after.rssKb - before.rssKb) / (double) count / 1024, (after.threads - before.threads) / (double) count);
            System.out.println("threads by name:");
            threadsByName().forEach((name, n) -> System.out.printf("  %5d  %s%n", n, name));
            if (System.getProperty("bench.hold") != null) {
                System.out.println("holding (bench.hold): pid " + ProcessHandle.current().pid());
                Thread.sleep(Long.parseLong(System.getProperty("bench.hold")) * 1000L);
            }
        }
    }

    /** Memory and threads after a forced GC. */
    private record Snapshot(long heapUsed, long nonHeapUsed, long rssKb, int threads) {

        static Snapshot take() throws IOException, InterruptedException {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            return new Snapshot(memory.getHeapMemoryUsage().getUsed(), memory.getNonHeapMemoryUsage().getUsed(), readRssKb(),
                    ManagementFactory.getThreadMXBean().getThreadCount());
        }

        @Override
        public String toString() {
            return String.format("heap used %d MB, non-heap used %d MB, RSS %d MB, %d threads",
                    heapUsed >> 20, nonHeapUsed >> 20, rssKb >> 10, threads);
        }
    }

    private static long readRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Live threads by name with digits folded, most frequent first. */
    private static Map<String, Integer> threadsByName() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            counts.merge(thread.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        Map<String, Integer> sorted = new java.util.LinkedHashMap<>();
        entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Over every cluster but the first, which pays for class loading and JIT warm-up. */
    private static long percentile(List<Long> millis, int percentile) {
        List<Long> rest = new ArrayList<>(millis.subList(Math.min(1, millis.size()), millis.size()));
        if (rest.isEmpty()) {
            return millis.get(0);
        }
        Collections.sort(rest);
        int index = (int) Math.ceil(percentile / 100.0 * rest.size()) - 1;
        return rest.get(Math.max(0, Math.min(rest.size() - 1, index)));
    }

    private static long mean(List<Long> millis) {
        return millis.size() < 2 ? millis.get(0) : millis.subList(1, millis.size()).stream().mapToLong(Long::longValue).sum() / (millis.size() - 1);
    }
}
