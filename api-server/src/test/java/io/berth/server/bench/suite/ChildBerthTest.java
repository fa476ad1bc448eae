package io.berth.server.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How the registry benchmark reads a process's CPU time, with the children it reaped, from /proc. */
class ChildBerthTest {

    @Test
    void theFourCpuFieldsAreCountedAfterACommandNameWithSpacesAndParentheses() {
        // utime 120, stime 30, cutime 400, cstime 50 (fields 14 to 17)
        String stat = "4242 (postgres: a (b) c) S 1 4242 4242 0 -1 4194560 900 12 0 0 120 30 400 50 20 0 1 0 "
                + "9183372 3133440 356 18446744073709551615";

        assertThat(ChildBerth.cpuTicks(stat)).isEqualTo(600);
    }

    @Test
    void aLineWithoutACommandNameIsRefused() {
        assertThatThrownBy(() -> ChildBerth.cpuTicks("garbage")).isInstanceOf(IllegalArgumentException.class);
    }
}
