package io.berth.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class MergePatchesTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final MergePatches PATCHES = new MergePatches(JSON, VALIDATION.getValidator());

    /** The whole document: what a PUT would take. */
    record Spec(@NotBlank String version, Map<String, Object> values, @Size(max = 2) List<String> targets,
                Map<String, String> labels) {
    }

    /** The shape of a patch: the same fields, none required. */
    record SpecPatch(String version, Map<String, Object> values, List<String> targets, Map<String, String> labels) {
    }

    private static final Spec CURRENT = new Spec("1.0.0",
            Map.of("image", "nginx:1.27", "replicas", 5, "resources", Map.of("cpu", "1", "memory", "1Gi")),
            List.of("east", "west"), Map.of("team", "web", "tier", "db"));

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void mergesAtEveryDepthKeepsWhatIsLeftOutAndRemovesWhatIsNull() {
        Spec patched = apply("{\"values\":{\"image\":\"nginx:1.28\",\"resources\":{\"cpu\":\"2\"}},\"labels\":{\"tier\":null}}");

        assertThat(patched).isEqualTo(new Spec("1.0.0",
                Map.of("image", "nginx:1.28", "replicas", 5, "resources", Map.of("cpu", "2", "memory", "1Gi")),
                List.of("east", "west"), Map.of("team", "web")));
    }

    @Test
    void replacesAnArrayWhole() {
        assertThat(apply("{\"targets\":[\"north\"]}").targets()).containsExactly("north");
    }

    @Test
    void anEmptyPatchChangesNothing() {
        assertThat(apply("{}")).isEqualTo(CURRENT);
    }

    @Test
    void aPatchThatIsNotAnObjectIsMalformed() {
        for (String body : List.of("null", "[]", "\"1.0.1\"", "3")) {
            assertThatThrownBy(() -> PATCHES.read(JSON.readTree(body), SpecPatch.class, Spec.class))
                    .as(body).isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
                        assertThat(e.getMessage()).contains("JSON Merge Patch");
                    });
        }
    }

    @Test
    void anUnknownFieldIsMalformedEvenWhenItsValueIsNull() {
        assertThatThrownBy(() -> PATCHES.read(JSON.readTree("{\"verison\":null}"), SpecPatch.class, Spec.class))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
                    assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("verison");
                });
    }

    @Test
    void aValueOfTheWrongTypeIsMalformedBeforeAnythingIsMerged() {
        assertThatThrownBy(() -> PATCHES.read(JSON.readTree("{\"targets\":\"north\"}"), SpecPatch.class, Spec.class))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
                    assertThat(e.errors()).containsExactly(new FieldProblem("targets", "must be an array"));
                });
    }

    @Test
    void theMergedDocumentIsValidatedAsAWhole() {
        assertThatThrownBy(() -> apply("{\"version\":null,\"targets\":[\"a\",\"b\",\"c\"]}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
                    assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("targets", "version");
                });
    }

    @Test
    void theCurrentDocumentIsNotChanged() {
        apply("{\"values\":{\"replicas\":null},\"labels\":null}");

        assertThat(CURRENT.values()).containsKey("replicas");
        assertThat(CURRENT.labels()).hasSize(2);
    }

    private static Spec apply(String patch) {
        return PATCHES.read(JSON.readTree(patch), SpecPatch.class, Spec.class).applyTo(CURRENT);
    }
}
