package io.berth.engine.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.health.Health;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which claims are a StatefulSet's, and which of them are retained, from plain object trees. */
class ClaimNodesTest {

    @Test
    void theClaimsOfTheSetsTemplatesAreItsOwnWithTheirOrdinalsCapacityAndClass() {
        List<Map<String, Object>> claims = List.of(claim("www-web-1", "Bound"), claim("www-web-0", "Bound"),
                claim("www-web-2", "Pending"), claim("www-webby-0", "Bound"), claim("www-web-01", "Bound"),
                claim("logs-web-0", "Bound"), claim("www-db-web-0", "Bound"));

        List<ClaimNode> own = ClaimNodes.ofStatefulSet(statefulSet("web", 3, "www"), claims);

        assertThat(own).extracting(ClaimNode::name).containsExactly("www-web-0", "www-web-1", "www-web-2");
        assertThat(own).extracting(ClaimNode::ordinal).containsExactly(0, 1, 2);
        assertThat(own).extracting(ClaimNode::retained).containsOnly(false);
        assertThat(own.get(0)).satisfies(c -> {
            assertThat(c.template()).isEqualTo("www");
            assertThat(c.phase()).isEqualTo("Bound");
            assertThat(c.capacity()).isEqualTo("1Gi");
            assertThat(c.storageClass()).isEqualTo("standard");
            assertThat(c.health()).isEqualTo(Health.Healthy);
            assertThat(c.retainedBecause()).isNull();
        });
        assertThat(own.get(2).health()).isEqualTo(Health.Progressing);
    }

    @Test
    void claimsAtOrAboveTheReplicasAreRetainedAfterAScaleDown() {
        List<Map<String, Object>> claims = List.of(claim("www-web-0", "Bound"), claim("www-web-1", "Bound"),
                claim("www-web-2", "Bound"), claim("data-web-0", "Bound"), claim("data-web-1", "Bound"));

        List<ClaimNode> own = ClaimNodes.ofStatefulSet(statefulSet("web", 1, "www", "data"), claims);

        assertThat(own).extracting(ClaimNode::name)
                .containsExactly("data-web-0", "data-web-1", "www-web-0", "www-web-1", "www-web-2");
        assertThat(own).filteredOn(ClaimNode::retained).extracting(ClaimNode::name)
                .containsExactly("data-web-1", "www-web-1", "www-web-2");
        assertThat(own).filteredOn(ClaimNode::retained).extracting(ClaimNode::retainedBecause)
                .containsOnly("kept after scale-down: StatefulSet web has 1 replica");
    }

    @Test
    void everyClaimIsRetainedWhenTheSetIsScaledToZero() {
        List<ClaimNode> own = ClaimNodes.ofStatefulSet(statefulSet("web", 0, "www"), List.of(claim("www-web-0", "Bound")));

        assertThat(own).singleElement().satisfies(c -> {
            assertThat(c.retained()).isTrue();
            assertThat(c.retainedBecause()).isEqualTo("kept after scale-down: StatefulSet web has 0 replicas");
        });
    }

    @Test
    void aSetThatIsGoneLeavesEveryClaimNamedAfterItRetainedWhateverItsTemplate() {
        List<Map<String, Object>> claims = List.of(claim("www-web-0", "Bound"), claim("www-data-web-1", "Bound"),
                claim("www-webby-0", "Bound"), claim("web-0", "Bound"));

        List<ClaimNode> left = ClaimNodes.leftBy("web", claims);

        assertThat(left).extracting(ClaimNode::name).containsExactly("www-web-0", "www-data-web-1");
        assertThat(left).extracting(ClaimNode::template).containsExactly("www", "www-data");
        assertThat(left).extracting(ClaimNode::retainedBecause).containsOnly("kept after StatefulSet web was deleted");
        assertThat(left).extracting(ClaimNode::retained).containsOnly(true);
    }

    @Test
    void aClaimControlledBySomethingElseIsNotTheSets() {
        Map<String, Object> taken = Map.of("metadata", Map.of("name", "www-web-0", "ownerReferences", List.of(
                Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "name", "other", "uid", "u", "controller", true))));
        Map<String, Object> ours = Map.of("metadata", Map.of("name", "www-web-1", "ownerReferences", List.of(
                Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "name", "web", "uid", "u", "controller", true))));

        assertThat(ClaimNodes.ofStatefulSet(statefulSet("web", 3, "www"), List.of(taken, ours)))
                .extracting(ClaimNode::name).containsExactly("www-web-1");
        assertThat(ClaimNodes.leftBy("web", List.of(taken, ours))).extracting(ClaimNode::name).containsExactly("www-web-1");
    }

    @Test
    void aCapacityHeldAsAmountAndFormatReadsAsKubernetesWritesIt() {
        Map<String, Object> claim = Map.of("metadata", Map.of("name", "www-web-0"),
                "status", Map.of("phase", "Bound", "capacity", Map.of("storage", Map.of("amount", "5", "format", "Gi"))));

        assertThat(ClaimNodes.ofStatefulSet(statefulSet("web", 1, "www"), List.of(claim)).get(0).capacity()).isEqualTo("5Gi");
    }

    static Map<String, Object> statefulSet(String name, int replicas, String... templates) {
        return Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata", Map.of("name", name),
                "spec", Map.of("replicas", replicas, "volumeClaimTemplates",
                        List.of(templates).stream().map(t -> Map.of("metadata", Map.of("name", t))).toList()));
    }

    static Map<String, Object> claim(String name, String phase) {
        return Map.of("metadata", Map.of("name", name, "uid", "uid-" + name, "creationTimestamp", "2026-11-20T10:00:00Z"),
                "spec", Map.of("storageClassName", "standard"),
                "status", Map.of("phase", phase, "capacity", Map.of("storage", "1Gi")));
    }
}
