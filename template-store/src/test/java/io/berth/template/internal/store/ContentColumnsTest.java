package io.berth.template.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.template.ContentDigest;
import io.berth.template.SimpleContent;
import io.berth.template.internal.seed.ExampleTemplates;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContentColumnsTest {

    @Test
    void storedContentReadsBackEqualWithTheSameDigest() {
        for (SimpleContent content : ExampleTemplates.all().stream()
                .flatMap(e -> e.versions().stream()).map(ExampleTemplates.ExampleVersion::content).toList()) {
            TemplateVersionEntity row = TemplateVersionEntity.simple(UUID.randomUUID(), "1.0.0", null, content,
                    ContentDigest.of(content), "test", Instant.EPOCH);

            SimpleContent read = row.simpleContent();

            assertThat(read).isEqualTo(content);
            assertThat(ContentDigest.of(read)).isEqualTo(row.getDigest());
        }
    }

    @Test
    void defaultsKeepTheirTypesKeyOrderAndNulls() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("z", 1);
        defaults.put("big", 12345678901L);
        defaults.put("ratio", 0.5);
        defaults.put("off", null);
        defaults.put("nested", Map.of("list", List.of("a", true)));

        Map<String, Object> read = ContentColumns.readDefaults(ContentColumns.writeDefaults(defaults));

        assertThat(read).containsExactlyEntriesOf(defaults);
        assertThat(read.get("big")).isInstanceOf(Long.class);
    }
}
