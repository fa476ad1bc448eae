package io.berth.template;

import static io.berth.template.Fixtures.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContentDigestTest {

    private static final String DOCUMENTS = configMap("x", "  a: {{ a }}\n");

    private static final List<WorkloadHint> HINTS = List.of(
            new WorkloadHint("example.com/v1", "A", ScaleHint.viaSubresource(), null),
            new WorkloadHint("example.com/v1", "B", null, HealthHint.whenCondition("Ready")));

    @Test
    void isASha256OfTheContent() {
        assertThat(ContentDigest.of(Fixtures.example("etcd-cluster"))).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void doesNotDependOnKeyOrderInSchemaOrDefaultsNorOnHintOrder() {
        Map<String, Object> nested1 = new LinkedHashMap<>();
        nested1.put("x", 1);
        nested1.put("y", 2);
        Map<String, Object> defaults1 = new LinkedHashMap<>();
        defaults1.put("a", "1");
        defaults1.put("nested", nested1);
        Map<String, Object> defaults2 = new LinkedHashMap<>();
        Map<String, Object> nested2 = new LinkedHashMap<>();
        nested2.put("y", 2);
        nested2.put("x", 1);
        defaults2.put("nested", nested2);
        defaults2.put("a", "1");
        SimpleContent one = new SimpleContent(DOCUMENTS,
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"default\":\"z\"}}}", defaults1, HINTS);
        SimpleContent two = new SimpleContent(DOCUMENTS,
                "{ \"properties\": { \"a\": { \"default\": \"z\", \"type\": \"string\" } }, \"type\": \"object\" }",
                defaults2, List.of(HINTS.get(1), HINTS.get(0)));

        assertThat(ContentDigest.of(one)).isEqualTo(ContentDigest.of(two));
    }

    @Test
    void treatsWindowsLineEndingsAsTheSameDocuments() {
        SimpleContent unix = new SimpleContent(DOCUMENTS, "{}", Map.of(), List.of());
        SimpleContent windows = new SimpleContent(DOCUMENTS.replace("\n", "\r\n"), "{}", Map.of(), List.of());

        assertThat(ContentDigest.of(windows)).isEqualTo(ContentDigest.of(unix));
    }

    @Test
    void changesWithAnyPartOfTheContent() {
        SimpleContent base = new SimpleContent(DOCUMENTS, "{}", Map.of("a", "1"), HINTS);

        assertThat(List.of(
                new SimpleContent(DOCUMENTS + "  b: c\n", "{}", Map.of("a", "1"), HINTS),
                new SimpleContent(DOCUMENTS, "{\"type\":\"object\"}", Map.of("a", "1"), HINTS),
                new SimpleContent(DOCUMENTS, "{}", Map.of("a", 1), HINTS),
                new SimpleContent(DOCUMENTS, "{}", Map.of("a", "1"), HINTS.subList(0, 1)),
                new SimpleContent(DOCUMENTS, "{}", Map.of("a", "1"),
                        List.of(HINTS.get(0), new WorkloadHint("example.com/v1", "B", null, HealthHint.whenCondition("Available"))))))
                .extracting(ContentDigest::of)
                .doesNotContain(ContentDigest.of(base))
                .doesNotHaveDuplicates();
    }
}
