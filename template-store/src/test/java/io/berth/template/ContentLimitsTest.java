package io.berth.template;

import static io.berth.template.Fixtures.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContentLimitsTest {

    @Test
    void contentOverTheByteLimitIsTooLargeBeforeAnythingElseIsChecked() {
        SimpleContent content = new SimpleContent("not: [valid yaml\n" + "#".repeat(2000), "{", Map.of(), List.of());

        assertThatThrownBy(() -> new ContentValidator(new ContentLimits(1000, 10)).validate(content))
                .isInstanceOfSatisfying(ContentTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo("bytes");
                    assertThat(e.actual()).isGreaterThan(1000);
                    assertThat(e.maximum()).isEqualTo(1000);
                });
    }

    @Test
    void bytesAreCountedInUtf8AcrossDocumentsSchemaAndDefaults() {
        ContentLimits limits = new ContentLimits(20, 10);

        assertThatNoException().isThrownBy(() -> limits.check(new SimpleContent("é".repeat(9), "{}", Map.of(), List.of())));
        assertThatThrownBy(() -> limits.check(new SimpleContent("é".repeat(10), "{}", Map.of(), List.of())))
                .isInstanceOf(ContentTooLargeException.class);
        assertThatThrownBy(() -> limits.check(new SimpleContent("a", "{}", Map.of("k", "v".repeat(20)), List.of())))
                .isInstanceOf(ContentTooLargeException.class);
    }

    @Test
    void tooManyDocumentsIsTooLarge() {
        String three = String.join("---\n", configMap("a", "  k: v\n"), configMap("b", "  k: v\n"), configMap("c", "  k: v\n"));

        assertThatThrownBy(() -> new ContentLimits(100_000, 2).check(new SimpleContent(three, "{}", Map.of(), List.of())))
                .isInstanceOfSatisfying(ContentTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo("documents");
                    assertThat(e.actual()).isEqualTo(3);
                });
    }

    @Test
    void emptyDocumentsAndCommentsDoNotCount() {
        String text = "---\n# comment\n---\n" + configMap("a", "  k: v\n") + "---\n---\n";

        assertThatNoException().isThrownBy(() -> new ContentLimits(100_000, 1).check(new SimpleContent(text, "{}", Map.of(), List.of())));
    }
}
