package io.berth.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.server.config.BerthProperties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

@ExtendWith(OutputCaptureExtension.class)
class BootstrapTokenTest {

    private final TokenService tokens = mock(TokenService.class);

    @Test
    void chosenBootstrapTokenIsStoredAndNeverPrinted(CapturedOutput output) {
        String chosen = "chosen-bootstrap-token-0123456789abcdef";
        when(tokens.bootstrap(BootstrapToken.NAME, chosen)).thenReturn(true);

        new BootstrapToken(tokens, properties(chosen)).run(null);

        verify(tokens).bootstrap(BootstrapToken.NAME, chosen);
        assertThat(output.getAll()).contains("from BERTH_BOOTSTRAP_TOKEN").doesNotContain(chosen);
    }

    @Test
    void generatedTokenIsPrintedWhenItWasStored(CapturedOutput output) {
        when(tokens.bootstrap(eq(BootstrapToken.NAME), anyString())).thenReturn(true);

        new BootstrapToken(tokens, properties(null)).run(null);

        assertThat(output.getAll()).containsPattern("BERTH BOOTSTRAP ADMIN TOKEN: berth_[A-Za-z0-9_-]{43}");
    }

    @Test
    void nothingIsPrintedWhenTokensExistAlready(CapturedOutput output) {
        when(tokens.bootstrap(eq(BootstrapToken.NAME), anyString())).thenReturn(false);

        new BootstrapToken(tokens, properties(null)).run(null);

        assertThat(output.getAll()).doesNotContain("BERTH BOOTSTRAP ADMIN TOKEN");
    }

    @Test
    void shortChosenTokenStopsTheStart() {
        assertThatThrownBy(() -> new BootstrapToken(tokens, properties("short")).run(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining("short\"");
        verify(tokens, never()).bootstrap(anyString(), anyString());
    }

    private static BerthProperties properties(String bootstrapToken) {
        return new BerthProperties(Path.of("data"), new BerthProperties.Encryption(null, null, List.of()), bootstrapToken,
                DataSize.ofMegabytes(1));
    }
}
