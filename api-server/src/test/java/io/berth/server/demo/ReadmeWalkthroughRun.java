package io.berth.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs README.md's walkthrough, every command of it, with bash, curl and jq against a running demo Berth,
 * and checks each step's exit status and the lines it promises ({@code # → ...}). The README cannot drift
 * from what Berth does.
 */
final class ReadmeWalkthroughRun {

    private static final long PATIENCE_MINUTES = 10;

    private ReadmeWalkthroughRun() {
    }

    /**
     * Runs the walkthrough in {@code home} (the directory that holds the demo's {@code data-demo}), as a
     * user would in a second terminal, and asserts every step.
     */
    static void runAndCheck(Path home, int port, String token) throws IOException, InterruptedException {
        requireTools("bash", "curl", "jq");
        ReadmeWalkthrough walkthrough = ReadmeWalkthrough.read();
        Path script = Files.writeString(home.resolve("walkthrough.sh"), walkthrough.script());
        List<String> output = run(script, home, port, token);
        for (ReadmeWalkthrough.Step step : walkthrough.steps()) {
            check(step, output);
        }
    }

    private static List<String> run(Path script, Path home, int port, String token) throws IOException, InterruptedException {
        Path log = home.resolve("walkthrough.out");
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        bash.environment().put("BERTH", "http://localhost:" + port);
        bash.environment().put("TOKEN", token);
        Process process = bash.start();
        if (!process.waitFor(PATIENCE_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            fail("The walkthrough did not end within " + PATIENCE_MINUTES + " minutes; it printed:\n" + Files.readString(log));
        }
        return Files.readAllLines(log);
    }

    private static void check(ReadmeWalkthrough.Step step, List<String> output) {
        int start = output.indexOf(ReadmeWalkthrough.start(step.number()));
        String endPrefix = "::end " + step.number() + " status=";
        int end = -1;
        for (int i = Math.max(start, 0); i < output.size(); i++) {
            if (output.get(i).startsWith(endPrefix)) {
                end = i;
                break;
            }
        }
        String printed = String.join("\n", start < 0 ? output : output.subList(start, end < 0 ? output.size() : end + 1));
        assertThat(start >= 0 && end > start).as("step %d ran to its end:\n%s\n--- it printed:\n%s", step.number(), step.script(), printed)
                .isTrue();
        List<String> lines = new ArrayList<>(output.subList(start + 1, end));
        assertThat(output.get(end)).as("exit status of step %d:\n%s\n--- it printed:\n%s", step.number(), step.script(), printed)
                .isEqualTo(endPrefix + "0::");
        assertThat(step.printed(lines)).as("step %d prints what the README says:\n%s\n--- expected, in order:\n%s\n--- it printed:\n%s",
                step.number(), step.script(), String.join("\n", step.expected()), String.join("\n", lines)).isTrue();
    }

    private static void requireTools(String... tools) throws IOException, InterruptedException {
        for (String tool : tools) {
            Process which = new ProcessBuilder("bash", "-c", "command -v " + tool).start();
            assertThat(which.waitFor()).as("the README walkthrough needs %s on the PATH", tool).isZero();
        }
    }
}
