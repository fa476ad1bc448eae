package io.berth.template.internal.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.template.ContentValidator;
import io.berth.template.SemVer;
import org.junit.jupiter.api.Test;

class ExampleTemplatesTest {

    @Test
    void theShippedExamplesAreValidVersions() {
        assertThat(ExampleTemplates.all()).extracting(ExampleTemplates.Example::name).containsExactly("nginx-web", "etcd-cluster");
        for (ExampleTemplates.Example example : ExampleTemplates.all()) {
            assertThat(new ContentValidator().validate(example.content())).as(example.name()).isEmpty();
            assertThat(SemVer.isValid(example.version())).isTrue();
            assertThat(example.description()).isNotBlank();
            assertThat(example.labels()).containsEntry("berth.io/example", "true");
        }
    }

    @Test
    void theExamplesAreTheTestedFixtures() {
        for (String name : new String[] {"nginx-web", "etcd-cluster"}) {
            for (String file : new String[] {"documents.yaml", "parameters.schema.json", "defaults.json", "hints.json"}) {
                assertThat(text("/seeds/" + name + "/" + file)).as(name + "/" + file)
                        .isEqualTo(text("/templates/" + name + "/" + file));
            }
        }
    }

    private static String text(String resource) {
        try (var in = ExampleTemplatesTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
