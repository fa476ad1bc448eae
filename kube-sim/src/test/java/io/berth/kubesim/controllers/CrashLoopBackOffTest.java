package io.berth.kubesim.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The kubelet's restart back-off: doubling from the initial delay, capped at 30 times it (10 s → 5 min). */
class CrashLoopBackOffTest {

    @Test
    void doublesFromTenSecondsUpToFiveMinutes() {
        CrashLoopBackOff backOff = new CrashLoopBackOff(Duration.ofSeconds(10));

        assertThat(java.util.stream.IntStream.range(0, 8).mapToObj(backOff::after).map(Duration::toSeconds).toList())
                .containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
    }

    @Test
    void aScaledDownBackOffKeepsTheSameShape() {
        CrashLoopBackOff backOff = new CrashLoopBackOff(Duration.ofMillis(100));

        assertThat(backOff.after(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backOff.after(4)).isEqualTo(Duration.ofMillis(1600));
        assertThat(backOff.after(5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(backOff.after(1000)).isEqualTo(Duration.ofSeconds(3));
    }
}
