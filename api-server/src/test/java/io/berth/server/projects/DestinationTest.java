package io.berth.server.projects;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.domain.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationTest {

    @Test
    void aGlobTakesAnyRunWithStarAndOneCharacterWithQuestionMark() {
        assertThat(new NamePattern("team-a-*").matches("team-a-db")).isTrue();
        assertThat(new NamePattern("team-a-*").matches("team-a-")).isTrue();
        assertThat(new NamePattern("team-a-*").matches("team-b-db")).isFalse();
        assertThat(new NamePattern("*").matches("anything")).isTrue();
        assertThat(new NamePattern("prod-?").matches("prod-1")).isTrue();
        assertThat(new NamePattern("prod-?").matches("prod-12")).isFalse();
        assertThat(new NamePattern("*-db-*").matches("eu-db-1")).isTrue();
        assertThat(new NamePattern("web").matches("web")).isTrue();
        assertThat(new NamePattern("web").matches("web-0")).isFalse();
    }

    @Test
    void aTargetIsAllowedWhenOneDestinationMatchesBothItsClusterAndItsNamespace() {
        Destination byName = new Destination(List.of("prod-*"), null, List.of("team-a", "team-a-*"));
        assertThat(byName.allows("prod-eu", Map.of(), "team-a")).isTrue();
        assertThat(byName.allows("prod-eu", Map.of(), "team-a-cache")).isTrue();
        assertThat(byName.allows("prod-eu", Map.of(), "team-b")).isFalse();
        assertThat(byName.allows("dev-eu", Map.of(), "team-a")).isFalse();

        Destination byLabels = new Destination(null, "env=prod,tier in (db,cache)", List.of("*"));
        assertThat(byLabels.allows("any", Map.of("env", "prod", "tier", "db"), "x")).isTrue();
        assertThat(byLabels.allows("any", Map.of("env", "dev", "tier", "db"), "x")).isFalse();
    }

    @Test
    void everyProblemOfTheDestinationsIsNamedWithItsField() {
        List<Violation> problems = DestinationRules.problems(List.of(
                new Destination(List.of("ok"), "env=prod", List.of("ns")),
                new Destination(null, null, List.of()),
                new Destination(List.of("Bad_Name"), null, List.of("ns", "")),
                new Destination(null, "env in (", List.of("ns"))), List.of("nginx-*", "UPPER"));

        assertThat(problems).extracting(Violation::field).containsExactly(
                "destinations[0]",
                "destinations[1]", "destinations[1].namespaces",
                "destinations[2].clusters[0]", "destinations[2].namespaces[1]",
                "destinations[3].clusterSelector",
                "templateSets[1]");
    }

    @Test
    void anEmptyListOfDestinationsIsValidAndAllowsNothing() {
        assertThat(DestinationRules.problems(List.of(), null)).isEmpty();
        assertThat(DestinationRules.problems(null, null)).extracting(Violation::field).containsExactly("destinations");
    }
}
