package io.berth.template;

import static io.berth.template.Fixtures.BUILT_INS;
import static io.berth.template.Fixtures.configMap;
import static io.berth.template.Fixtures.content;
import static io.berth.template.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Values can never change the structure of the output: whatever a string holds, a YAML 1.1 reader
 * (SnakeYAML, like the one Kubernetes uses) reads back exactly one document and the same string.
 */
class RenderInjectionTest {

    private static final String SCHEMA = "{\"v\":{\"type\":\"string\"},\"other\":{\"type\":\"string\"}}";

    private final TemplateRenderer renderer = new TemplateRenderer();

    @ParameterizedTest
    @ValueSource(strings = {
            "a\nkind: Secret", "x\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen", "{{ other }}",
            "it's", "say \"hi\"", "a: b", "key: value # comment", "# not a comment", "*alias", "&anchor x", "!!binary aGk=",
            "!tag", "- item", "[1, 2]", "{a: 1}", "yes", "on", "No", "1e3", "0x1F", "1_000", "012", "12:30:00", ".inf",
            "2024-01-01", "null", "~", "", " ", "|", ">", "---", "...", "%TAG", "@at", "`tick", "back\\slash",
            "tab\there", "trailing ", "__berth_ph_0__", "é ü 日本", "line\r\nbreak"})
    void aStringValueStaysOneStringWherever(String value) {
        String documents = configMap("x", "  typed: {{ v }}\n  quoted: \"{{ v }}\"\n  single: '{{ v }}'\n"
                + "  inText: before {{ v }} after\n  block: |\n    {{ v }}\n");

        String yaml = renderer.render(content(documents, SCHEMA), values("v", value, "other", "secret"), BUILT_INS).yaml();

        List<Object> read = readAllWithYaml11(yaml);
        assertThat(read).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) read.get(0)).get("data");
        assertThat(data).containsOnlyKeys("typed", "quoted", "single", "inText", "block");
        assertThat(data.get("typed")).isEqualTo(value);
        assertThat(data.get("quoted")).isEqualTo(value);
        assertThat(data.get("single")).isEqualTo(value);
        assertThat(data.get("inText")).isEqualTo("before " + value + " after");
        assertThat(data.get("block")).isEqualTo(value + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ other }}", "{{other}}", "__berth_ph_1__", "{{ berth.cluster }}"})
    void aValueThatLooksLikeAPlaceholderIsNotExpandedAgain(String value) {
        String documents = configMap("x", "  a: {{ v }}\n  b: {{ other }}\n");

        RenderedManifests out = renderer.render(content(documents, SCHEMA), values("v", value, "other", "secret"), BUILT_INS);

        assertThat(out.manifests().get(0).object()).extractingByKey("data").isEqualTo(Map.of("a", value, "b", "secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\nkind: Secret", "x\n---\nkind: Secret"})
    void aValueCannotAddDocumentsOrKeysToTheRenderedObjects(String value) {
        String documents = configMap("x", "  a: {{ v }}\n");

        RenderedManifests out = renderer.render(content(documents, SCHEMA), values("v", value), BUILT_INS);

        assertThat(out.manifests()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("ConfigMap");
            assertThat(m.object()).containsOnlyKeys("apiVersion", "kind", "metadata", "data");
        });
        assertThat(out.yaml().lines().filter("---"::equals)).isEmpty();
    }

    private static List<Object> readAllWithYaml11(String yaml) {
        List<Object> documents = new ArrayList<>();
        new Yaml().loadAll(yaml).forEach(documents::add);
        return documents;
    }
}
