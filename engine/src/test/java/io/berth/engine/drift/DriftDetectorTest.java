package io.berth.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.ObjectRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the fields Berth applied count as drift. */
class DriftDetectorTest {

    private static final ObjectRef WEB = new ObjectRef("apps/v1", "StatefulSet", "shop", "web");

    @Test
    void fieldsBerthDidNotApplyAreNeverDrift() {
        Map<String, Object> applied = statefulSet(3, "nginx:1.27");
        Map<String, Object> live = statefulSet(3, "nginx:1.27");
        spec(live).put("podManagementPolicy", "OrderedReady");
        spec(live).put("revisionHistoryLimit", 10);
        live.put("status", Map.of("replicas", 3));
        container(live).put("imagePullPolicy", "IfNotPresent");
        metadata(live).put("resourceVersion", "42");
        metadata(live).put("managedFields", List.of(Map.of("manager", "kubectl")));
        labels(live).put("added-by", "someone-else");

        assertThat(DriftDetector.compare(WEB, applied, live)).isEmpty();
    }

    @Test
    void aScaleAndAnImageChangedBehindBerthsBackAreDriftNamingTheFields() {
        Map<String, Object> live = statefulSet(1, "evil:latest");

        ObjectDrift drift = DriftDetector.compare(WEB, statefulSet(3, "nginx:1.27"), live).orElseThrow();

        assertThat(drift.fields()).containsExactly(
                new FieldDrift("spec.replicas", "3", "1"),
                new FieldDrift("spec.template.spec.containers[name=nginx].image", "\"nginx:1.27\"", "\"evil:latest\""));
        assertThat(drift.describe()).isEqualTo("StatefulSet/web: spec.replicas is 1, Berth applied 3, "
                + "spec.template.spec.containers[name=nginx].image is \"evil:latest\", Berth applied \"nginx:1.27\"");
    }

    @Test
    void aDeletedObjectAndARemovedLabelAreDrift() {
        assertThat(DriftDetector.compare(WEB, statefulSet(3, "nginx:1.27"), null)).contains(ObjectDrift.missing(WEB));

        Map<String, Object> live = statefulSet(3, "nginx:1.27");
        labels(live).remove("berth.io/application");
        assertThat(DriftDetector.compare(WEB, statefulSet(3, "nginx:1.27"), live).orElseThrow().fields())
                .containsExactly(new FieldDrift("metadata.labels.berth.io/application", "\"shop\"", null));
    }

    @Test
    void anItemBerthAppliedThatIsGoneIsDriftButItemsOthersAddedAreNot() {
        Map<String, Object> live = statefulSet(3, "nginx:1.27");
        List<Object> containers = new java.util.ArrayList<>((List<?>) podSpec(live).get("containers"));
        containers.add(Map.of("name", "sidecar", "image", "envoy:1"));
        podSpec(live).put("containers", containers);
        assertThat(DriftDetector.compare(WEB, statefulSet(3, "nginx:1.27"), live)).isEmpty();

        podSpec(live).put("containers", List.of(Map.of("name", "sidecar", "image", "envoy:1")));
        assertThat(DriftDetector.compare(WEB, statefulSet(3, "nginx:1.27"), live).orElseThrow().fields())
                .extracting(FieldDrift::path).containsExactly("spec.template.spec.containers[name=nginx]");
    }

    @Test
    void anObjectLastStampedByAnOlderRevisionHasNoDriftForThat() {
        Map<String, Object> applied = statefulSet(3, "nginx:1.27");
        metadata(applied).put("annotations", Map.of("berth.io/revision", "2", "berth.io/digest", "sha256:b",
                "berth.io/template", "nginx-web@1.0.0", "team", "shop"));
        Map<String, Object> live = statefulSet(3, "nginx:1.27");
        metadata(live).put("annotations", Map.of("berth.io/revision", "1", "berth.io/digest", "sha256:a",
                "berth.io/template", "nginx-web@1.0.0", "team", "shop"));

        assertThat(DriftDetector.compare(WEB, applied, live)).isEmpty();

        metadata(live).put("annotations", Map.of("berth.io/revision", "1", "team", "other"));
        assertThat(DriftDetector.compare(WEB, applied, live).orElseThrow().fields()).extracting(FieldDrift::path)
                .containsExactly("metadata.annotations.team");
    }

    @Test
    void quantitiesAndNumbersCompareByValue() {
        assertThat(DriftDetector.sameScalar("1Gi", "1024Mi")).isTrue();
        assertThat(DriftDetector.sameScalar("500m", "0.5")).isTrue();
        assertThat(DriftDetector.sameScalar(3, 3.0)).isTrue();
        assertThat(DriftDetector.sameScalar("80", 80)).isTrue();
        assertThat(DriftDetector.sameScalar("1Gi", "2Gi")).isFalse();
        assertThat(DriftDetector.sameScalar("nginx:1.27", "nginx:1.28")).isFalse();
        assertThat(DriftDetector.sameScalar(true, "true")).isFalse();
    }

    @Test
    void atomicListsMustBeEqual() {
        Map<String, Object> applied = statefulSet(3, "nginx:1.27");
        container(applied).put("args", List.of("--port", "80"));
        Map<String, Object> live = statefulSet(3, "nginx:1.27");
        container(live).put("args", List.of("--port", "80", "--debug"));

        assertThat(DriftDetector.compare(WEB, applied, live).orElseThrow().fields()).extracting(FieldDrift::path)
                .containsExactly("spec.template.spec.containers[name=nginx].args");
    }

    @Test
    void aSecretsValuesAreComparedButNeverShownAndStringDataIsComparedDecoded() {
        ObjectRef secret = new ObjectRef("v1", "Secret", "shop", "db");
        Map<String, Object> applied = Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "db"),
                "stringData", Map.of("password", "s3cret"));
        Map<String, Object> same = Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "db"),
                "data", Map.of("password", "czNjcmV0"), "type", "Opaque");
        Map<String, Object> changed = Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "db"),
                "data", Map.of("password", "aGFja2Vk"));

        assertThat(DriftDetector.compare(secret, applied, same)).isEmpty();
        ObjectDrift drift = DriftDetector.compare(secret, applied, changed).orElseThrow();
        assertThat(drift.fields()).containsExactly(new FieldDrift("stringData.password", SecretValues.HIDDEN, SecretValues.HIDDEN));
        assertThat(drift.describe()).doesNotContain("s3cret", "aGFja2Vk", "hacked");
    }

    private static Map<String, Object> statefulSet(int replicas, String image) {
        Map<String, Object> container = new LinkedHashMap<>(Map.of("name", "nginx", "image", image,
                "ports", List.of(Map.of("containerPort", 80, "name", "web"))));
        Map<String, Object> podSpec = new LinkedHashMap<>(Map.of("containers", List.of(container)));
        Map<String, Object> template = new LinkedHashMap<>(Map.of("metadata", Map.of("labels", Map.of("app", "nginx")),
                "spec", podSpec));
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("replicas", replicas, "serviceName", "nginx",
                "selector", Map.of("matchLabels", Map.of("app", "nginx")), "template", template));
        Map<String, Object> labels = new LinkedHashMap<>(Map.of("app.kubernetes.io/managed-by", "berth", "berth.io/application", "shop"));
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of("name", "web", "labels", labels));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "apps/v1");
        object.put("kind", "StatefulSet");
        object.put("metadata", metadata);
        object.put("spec", spec);
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> object) {
        return (Map<String, Object>) object.get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.get("metadata");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> object) {
        return (Map<String, Object>) metadata(object).get("labels");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podSpec(Map<String, Object> object) {
        return (Map<String, Object>) ((Map<String, Object>) spec(object).get("template")).get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> object) {
        return (Map<String, Object>) ((List<Object>) podSpec(object).get("containers")).get(0);
    }
}
