package io.berth.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextInputRulesTest {

    @Test
    void nulAndUnpairedSurrogatesAreFaults() {
        assertThat(TextInputRules.fault("a\u0000b")).isEqualTo(TextInputRules.NUL);
        assertThat(TextInputRules.fault("ship " + (char) 0xD800)).isEqualTo(TextInputRules.LONE_SURROGATE);
        assertThat(TextInputRules.fault((char) 0xDEA2 + " low first")).isEqualTo(TextInputRules.LONE_SURROGATE);
        assertThat(TextInputRules.fault("" + (char) 0xD83D + (char) 0xD83D + (char) 0xDEA2)).isEqualTo(TextInputRules.LONE_SURROGATE);
    }

    @Test
    void ordinaryTextAndSurrogatePairsAreFine() {
        assertThat(TextInputRules.fault("")).isNull();
        assertThat(TextInputRules.fault("tab\tnew line\n caf\u00e9")).isNull();
        assertThat(TextInputRules.fault("ship \uD83D\uDEA2")).isNull();
    }
}
