package io.berth.server.bench.suite;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The suite's table, with the machine, date, commit and command it came from: printed, and written
 * into a Markdown file between two markers so that the prose around it (method, findings) stays.
 */
public final class BenchReport {

    static final String BEGIN = "<!-- bench:begin (written by io.berth.server.bench.suite.BenchSuite; edits inside are lost) -->";
    static final String END = "<!-- bench:end -->";

    private BenchReport() {
    }

    public static String markdown(List<Figure> figures, String command, Instant started, Instant ended) {
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" to ").append(ended.truncatedTo(ChronoUnit.SECONDS))
                .append(" on ").append(machine()).append(", commit `").append(commit()).append("`, with\n`")
                .append(command).append("`.\n\n");
        out.append("| bench | measured | value: median (least-most, n) | floor, same run | target | |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            out.append("| ").append(f.bench()).append(" | ").append(f.what()).append(" | ").append(f.value()).append(" | ")
                    .append(f.floor()).append(" | ").append(f.target()).append(" | ").append(f.verdict()).append(" |\n");
        }
        return out.toString();
    }

    /** Puts the report between the markers of {@code file} (appending markers if it has none). */
    public static void writeInto(Path file, String report) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String block = BEGIN + "\n" + report + END;
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + block + text.substring(end + END.length())
                : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + block + "\n";
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return "%d cores (%s), %d GB, %s %s, Java %s".formatted(Runtime.getRuntime().availableProcessors(), cpuModel(),
                Math.round(memory / 1e9), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.runtime.version"));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("cpu unknown");
        } catch (IOException | RuntimeException e) {
            return "cpu unknown";
        }
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean dirty = new ProcessBuilder("git", "diff", "--quiet", "HEAD").start().waitFor() != 0;
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out + (dirty ? " + local changes" : "") : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
