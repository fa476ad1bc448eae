package io.berth.server.bench.suite;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Berth's benchmark suite: runs each benchmark, prints the table and, with {@code --write=FILE}, puts it
 * into that Markdown file (docs/benchmarks.md). Run by {@code ./mvnw -B -Pbench verify -pl api-server -am
 * -DskipTests}; see docs/benchmarks.md.
 *
 * <p>Arguments: {@code --only=reads,fanout} (default: all, in table order), {@code --smoke} (tiny sizes),
 * {@code --write=FILE}, {@code --command=TEXT} (how it was started, for the report).
 */
public final class BenchSuite {

    private BenchSuite() {
    }

    /** Every benchmark, in the order of the table. */
    public static Map<String, Bench> all() {
        Map<String, Bench> benches = new LinkedHashMap<>();
        for (Bench bench : List.<Bench>of(new ReadsBench(), new FanOutBench(), new TrackingFleetBench(), new RegistryBench(), new StartupBench())) {
            benches.put(bench.name(), bench);
        }
        return benches;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Arrays.stream(args).filter(a -> a.startsWith("--"))
                .map(a -> a.substring(2).split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : "", (a, b) -> b, LinkedHashMap::new));
        Bench.Size size = options.containsKey("smoke") ? Bench.Size.SMOKE : Bench.Size.FULL;
        Map<String, Bench> benches = all();
        String only = options.getOrDefault("only", "");
        List<String> chosen = only.isBlank() ? List.copyOf(benches.keySet()) : List.of(only.split(","));
        Set<String> unknown = chosen.stream().filter(name -> !benches.containsKey(name)).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no such benchmark: " + unknown + "; there are " + benches.keySet());
        }
        Instant started = Instant.now();
        List<Figure> figures = run(chosen.stream().map(benches::get).toList(), size);
        String report = BenchReport.markdown(figures, options.getOrDefault("command", "BenchSuite " + String.join(" ", args)),
                started, Instant.now());
        System.out.println();
        System.out.println(report);
        if (options.containsKey("write")) {
            BenchReport.writeInto(Path.of(options.get("write")), report);
            System.out.println("written into " + options.get("write"));
        }
        System.exit(0); // what a benchmark left running (a pool, a simulated cluster) must not keep the JVM up
    }

    /** Runs the benchmarks one after the other, each on its own Berth, and gives all their lines. */
    public static List<Figure> run(List<Bench> benches, Bench.Size size) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (Bench bench : benches) {
            System.out.printf("== %s (%s)%n", bench.name(), size);
            List<Figure> lines = bench.run(size);
            lines.forEach(f -> System.out.printf("   %s: %s %s %s%n", f.what(), f.value(), f.floor().isEmpty() ? "" : "vs " + f.floor(), f.verdict()));
            figures.addAll(lines);
        }
        return figures;
    }
}
