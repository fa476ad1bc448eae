package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationSpecTest {

    private static final String WEB = "StatefulSet/web";
    private static final String CACHE = "StatefulSet/cache";

    private static ApplicationSpec spec(Map<String, Object> values, List<ReplicaOverride> overrides) {
        return new ApplicationSpec("nginx-web", "1.0.0", values, List.of(), null, overrides, true);
    }

    private static Target target(Map<String, Object> values) {
        return new Target("east", "shop", values, false);
    }

    @Test
    void targetValuesOverrideCommonOnesKeyByKey() {
        ApplicationSpec spec = spec(Map.of("replicas", 3, "image", "nginx:1.27"), List.of());

        assertThat(spec.valuesFor(target(Map.of("replicas", 1))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("replicas", 1, "image", "nginx:1.27"));
    }

    @Test
    void nestedMapsAreMergedDeeply() {
        ApplicationSpec spec = spec(Map.of("resources", Map.of(
                "limits", Map.of("cpu", "1", "memory", "1Gi"),
                "requests", Map.of("cpu", "100m"))), List.of());

        Map<String, Object> merged = spec.valuesFor(target(Map.of("resources", Map.of(
                "limits", Map.of("memory", "2Gi"), "extra", true))));

        assertThat(merged).isEqualTo(Map.of("resources", Map.of(
                "limits", Map.of("cpu", "1", "memory", "2Gi"),
                "requests", Map.of("cpu", "100m"),
                "extra", true)));
    }

    @Test
    void listsAreReplacedNotMerged() {
        ApplicationSpec spec = spec(Map.of("zones", List.of("a", "b", "c")), List.of());

        assertThat(spec.valuesFor(target(Map.of("zones", List.of("d"))))).containsEntry("zones", List.of("d"));
    }

    @Test
    void aScalarReplacesAMapAndAMapReplacesAScalar() {
        ApplicationSpec spec = spec(Map.of("storage", Map.of("size", "1Gi"), "image", "nginx"), List.of());

        Map<String, Object> merged = spec.valuesFor(target(Map.of("storage", "none", "image", Map.of("tag", "1.28"))));

        assertThat(merged).isEqualTo(Map.of("storage", "none", "image", Map.of("tag", "1.28")));
    }

    @Test
    void withoutTargetValuesTheCommonOnesAreUsedAsTheyAre() {
        ApplicationSpec spec = spec(Map.of("replicas", 3), List.of());

        assertThat(spec.valuesFor(target(null))).isEqualTo(Map.of("replicas", 3));
    }

    @Test
    void mergingDoesNotChangeTheCommonValues() {
        Map<String, Object> common = Map.of("resources", Map.of("limits", Map.of("cpu", "1")));
        ApplicationSpec spec = spec(common, List.of());

        spec.valuesFor(target(Map.of("resources", Map.of("limits", Map.of("cpu", "2")))));

        assertThat(spec.values()).isEqualTo(Map.of("resources", Map.of("limits", Map.of("cpu", "1"))));
    }

    @Test
    void noOverrideMeansNull() {
        assertThat(spec(Map.of(), List.of()).replicasFor(WEB, "east")).isNull();
    }

    @Test
    void theAllClustersOverrideAppliesToEveryCluster() {
        ApplicationSpec spec = spec(Map.of(), List.of(new ReplicaOverride(WEB, null, 4)));

        assertThat(spec.replicasFor(WEB, "east")).isEqualTo(4);
        assertThat(spec.replicasFor(WEB, "west")).isEqualTo(4);
        assertThat(spec.replicasFor(CACHE, "east")).isNull();
    }

    @Test
    void aClustersOwnOverrideWinsOverTheAllClustersOneWhateverTheOrder() {
        ApplicationSpec ownFirst = spec(Map.of(), List.of(new ReplicaOverride(WEB, "east", 1),
                new ReplicaOverride(WEB, null, 5)));
        ApplicationSpec allFirst = spec(Map.of(), List.of(new ReplicaOverride(WEB, null, 5),
                new ReplicaOverride(WEB, "east", 1)));

        for (ApplicationSpec spec : List.of(ownFirst, allFirst)) {
            assertThat(spec.replicasFor(WEB, "east")).isEqualTo(1);
            assertThat(spec.replicasFor(WEB, "west")).isEqualTo(5);
        }
    }

    @Test
    void anotherClustersOverrideDoesNotApply() {
        ApplicationSpec spec = spec(Map.of(), List.of(new ReplicaOverride(WEB, "west", 2)));

        assertThat(spec.replicasFor(WEB, "east")).isNull();
        assertThat(spec.replicasFor(WEB, "west")).isEqualTo(2);
    }

    @Test
    void scalingEveryClusterReplacesEarlierPerClusterOverridesOfThatWorkload() {
        ApplicationSpec spec = spec(Map.of(), List.of(new ReplicaOverride(WEB, "east", 1),
                new ReplicaOverride(WEB, "west", 2), new ReplicaOverride(WEB, null, 3)));

        ApplicationSpec scaled = spec.withReplicas(WEB, null, 7);

        assertThat(scaled.replicaOverrides()).containsExactly(new ReplicaOverride(WEB, null, 7));
        assertThat(scaled.replicasFor(WEB, "east")).isEqualTo(7);
        assertThat(scaled.replicasFor(WEB, "west")).isEqualTo(7);
    }

    @Test
    void scalingSomeClustersReplacesOnlyTheirOverrides() {
        ApplicationSpec spec = spec(Map.of(), List.of(new ReplicaOverride(WEB, "east", 1),
                new ReplicaOverride(WEB, "west", 2), new ReplicaOverride(WEB, null, 3)));

        ApplicationSpec scaled = spec.withReplicas(WEB, List.of("east", "north"), 6);

        assertThat(scaled.replicaOverrides()).containsExactly(new ReplicaOverride(WEB, "west", 2),
                new ReplicaOverride(WEB, null, 3), new ReplicaOverride(WEB, "east", 6),
                new ReplicaOverride(WEB, "north", 6));
        assertThat(scaled.replicasFor(WEB, "east")).isEqualTo(6);
        assertThat(scaled.replicasFor(WEB, "west")).isEqualTo(2);
        assertThat(scaled.replicasFor(WEB, "south")).isEqualTo(3);
    }

    @Test
    void scalingOneWorkloadLeavesTheOthersUntouched() {
        ApplicationSpec spec = spec(Map.of(), List.of(new ReplicaOverride(CACHE, null, 2),
                new ReplicaOverride(CACHE, "east", 9)));

        ApplicationSpec everywhere = spec.withReplicas(WEB, null, 4);
        ApplicationSpec onEast = spec.withReplicas(WEB, List.of("east"), 5);

        assertThat(everywhere.replicaOverrides()).contains(new ReplicaOverride(CACHE, null, 2),
                new ReplicaOverride(CACHE, "east", 9));
        assertThat(onEast.replicaOverrides()).contains(new ReplicaOverride(CACHE, null, 2),
                new ReplicaOverride(CACHE, "east", 9));
        assertThat(onEast.replicasFor(CACHE, "east")).isEqualTo(9);
        assertThat(onEast.replicasFor(WEB, "east")).isEqualTo(5);
        assertThat(onEast.replicasFor(WEB, "west")).isNull();
    }

    @Test
    void scalingReturnsANewSpecAndKeepsEverythingElse() {
        Target east = new Target("east", "shop", Map.of("replicas", 1), false);
        ApplicationSpec spec = new ApplicationSpec("nginx-web", "1.0.0", Map.of("image", "nginx"), List.of(east),
                new ClusterSelectorSpec("env=prod", "shop", null), List.of(new ReplicaOverride(WEB, "east", 1)), false);

        ApplicationSpec scaled = spec.withReplicas(WEB, null, 2);

        assertThat(spec.replicaOverrides()).containsExactly(new ReplicaOverride(WEB, "east", 1));
        assertThat(scaled).usingRecursiveComparison().ignoringFields("replicaOverrides").isEqualTo(spec);
    }
}
