package io.berth.server.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every benchmark of the suite, run at tiny sizes so that the suite cannot rot between its runs: each
 * one does its whole work (a failed request or operation ends it with an error) and gives its lines. The
 * figures of a smoke run mean nothing and are not asserted on; their presence and form are.
 */
class BenchSuiteSmokePackagedIT {

    @Test
    void everyBenchmarkRunsAtTinySizeAndGivesItsLines(@TempDir Path docs) throws Exception {
        List<Bench> benches = List.copyOf(BenchSuite.all().values());

        List<Figure> figures = BenchSuite.run(benches, Bench.Size.SMOKE);

        for (Bench bench : benches) {
            assertThat(figures).as("lines of %s", bench.name()).anyMatch(f -> f.bench().equals(bench.name()) && f.met() != null);
        }
        Path file = docs.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\nprose before\n\n" + BenchReport.BEGIN + "\nold table\n" + BenchReport.END + "\n\nprose after\n");
        BenchReport.writeInto(file, BenchReport.markdown(figures, "smoke", Instant.now(), Instant.now()));
        String written = Files.readString(file);
        assertThat(written).contains("prose before", "prose after", "| reads | `GET /applications/{name}` |")
                .doesNotContain("old table");
    }
}
