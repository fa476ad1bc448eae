package io.berth.template.internal.helm.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.berth.template.HelmLimits;
import io.berth.template.internal.helm.pool.HelmStopped.Reason;

/** What a chart's author reads when Helm was stopped: the limit, its value and the setting to change it. */
class HelmStoppedTest {

    private static final HelmLimits LIMITS = HelmLimits.DEFAULT;

    @Test
    void eachReasonNamesItsLimitAndSetting() {
        assertThat(new HelmStopped(Reason.TIME_LIMIT, null).problem(LIMITS, "rendering")).isEqualTo(
                "Helm did not finish rendering the chart within 20 s (berth.templates.helm.timeout) and was stopped:"
                        + " a template may loop or do too much work");
        assertThat(new HelmStopped(Reason.MEMORY_LIMIT, null).problem(LIMITS, "linting")).isEqualTo(
                "Helm needed more than 256 MB of memory linting the chart (berth.templates.helm.memory) and was"
                        + " stopped: a template may loop or build very large values");
        assertThat(new HelmStopped(Reason.OUTPUT_LIMIT, null).problem(LIMITS.withMaxOutputBytes(64 * 1024), "rendering"))
                .isEqualTo("the chart renders more than 64 KB of manifests (berth.templates.helm.max-output);"
                        + " Helm was stopped");
        assertThat(new HelmStopped(Reason.FATAL_ERROR, "stack overflow").problem(LIMITS, "rendering"))
                .isEqualTo("Helm stopped with a fatal error while rendering the chart: stack overflow");
    }

    @Test
    void durationsAndSizesReadNaturally() {
        assertThat(HelmStopped.duration(Duration.ofMillis(1500))).isEqualTo("1500 ms");
        assertThat(HelmStopped.duration(Duration.ofMinutes(1))).isEqualTo("60 s");
        assertThat(HelmStopped.size(4L * 1024 * 1024)).isEqualTo("4 MB");
        assertThat(HelmStopped.size(1536)).isEqualTo("1536 bytes");
    }

    @Test
    void onlyTheRuntimesFatalErrorLineIsQuoted() {
        String stderr = """
                2026/11/26 04:00:00 [WARNING] something Helm logged with values in it
                fatal error: stack overflow

                runtime stack:
                runtime.throw({0x7fe504e97fc2?, 0x2?})
                """;

        assertThat(WorkerProcess.goFatalError(stderr)).isEqualTo("stack overflow");
        assertThat(WorkerProcess.goFatalError("panic: something\n")).isNull();
    }
}
