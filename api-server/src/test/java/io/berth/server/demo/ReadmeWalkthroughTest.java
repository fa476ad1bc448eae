package io.berth.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md's walkthrough is found whole, and its promises are read as ReadmeWalkthroughRun checks them. */
class ReadmeWalkthroughTest {

    @Test
    void everyShellBlockOfTheWalkthroughIsMarkedSoNoneEscapesTheTest() throws Exception {
        ReadmeWalkthrough walkthrough = ReadmeWalkthrough.read();

        assertThat(walkthrough.unmarkedShellBlocks()).isZero();
        assertThat(walkthrough.steps()).hasSizeGreaterThanOrEqualTo(8);
        // the first step only prepares the shell; every later one says what it prints
        assertThat(walkthrough.steps().subList(1, walkthrough.steps().size()))
                .allSatisfy(step -> assertThat(step.expected()).as("step %d", step.number()).isNotEmpty());
        assertThat(walkthrough.steps()).map(ReadmeWalkthrough.Step::script)
                .anySatisfy(script -> assertThat(script).contains("\"templateSet\": \"nginx-web\"").contains("sim-a"))
                .anySatisfy(script -> assertThat(script).contains("/scale").contains("\"replicas\": 5"))
                .anySatisfy(script -> assertThat(script).contains("/rollback"))
                .anySatisfy(script -> assertThat(script).contains("etcd-cluster"))
                .anySatisfy(script -> assertThat(script).contains("simulator-url").contains("/delete"));
    }

    @Test
    void aBlockIsFoundOnlyInTheWalkthroughSectionAndOnlyWhenMarked() {
        String readme = """
                # Title
                <!-- demo-walkthrough -->
                ```sh
                echo elsewhere
                ```
                ## Try it: the article on the demo
                <!-- demo-walkthrough -->
                ```sh
                echo one
                # → one
                ```
                ```sh
                echo not marked
                ```
                ## Next
                <!-- demo-walkthrough -->
                ```sh
                echo after
                ```
                """;

        ReadmeWalkthrough walkthrough = ReadmeWalkthrough.parse(readme);

        assertThat(walkthrough.steps()).singleElement().satisfies(step -> {
            assertThat(step.script()).isEqualTo("echo one\n# → one");
            assertThat(step.expected()).containsExactly("one");
        });
        assertThat(walkthrough.unmarkedShellBlocks()).isEqualTo(1);
    }

    @Test
    void expectedLinesMustAppearInOrderAsWholeLinesWithAnEllipsisForAnyText() {
        ReadmeWalkthrough.Step step = new ReadmeWalkthrough.Step(1, "", List.of("web-0  ready=true", "Healthy since …"));

        assertThat(step.printed(List.of("web-0  ready=true", "noise", "Healthy since 2026-11-26T09:00:00Z"))).isTrue();
        assertThat(step.printed(List.of("Healthy since 2026-11-26T09:00:00Z", "web-0  ready=true"))).isFalse();
        assertThat(step.printed(List.of("web-0  ready=true", "web-0  ready=true  more"))).isFalse();
        assertThat(step.printed(List.of("xweb-0  ready=true", "Healthy since x"))).isFalse();
    }
}
