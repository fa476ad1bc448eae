package io.berth.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextDiffTest {

    @Test
    void showsAChangedLineWithThreeLinesOfContextInUnifiedFormat() {
        String a = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String b = "a\nb\nc\nd\nE\nf\ng\nh\n";

        assertThat(TextDiff.unified("1.0.0", a, "1.1.0", b)).isEqualTo("""
                --- 1.0.0
                +++ 1.1.0
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """);
    }

    @Test
    void isEmptyForEqualTexts() {
        assertThat(TextDiff.unified("a", "x: 1\n", "b", "x: 1\n")).isEmpty();
        assertThat(TextDiff.unified("a", "x: 1\r\n", "b", "x: 1\n")).isEmpty();
    }

    @Test
    void showsAddedAndRemovedLinesOfRenderedManifests() {
        String before = "kind: Service\n---\nkind: StatefulSet\nspec:\n  replicas: 3\n";
        String after = "kind: Service\n---\nkind: StatefulSet\nspec:\n  replicas: 5\n  minReadySeconds: 10\n";

        String diff = TextDiff.unified("revision 1", before, "revision 2", after);

        assertThat(diff).startsWith("--- revision 1\n+++ revision 2\n@@ -2,4 +2,5 @@\n")
                .contains("\n-  replicas: 3\n+  replicas: 5\n+  minReadySeconds: 10\n");
    }

    @Test
    void diffsFromAndToEmptyTexts() {
        assertThat(TextDiff.unified("none", "", "new", "a\nb\n")).isEqualTo("--- none\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n");
        assertThat(TextDiff.unified("old", "a\n", "none", "")).isEqualTo("--- old\n+++ none\n@@ -1,1 +0,0 @@\n-a\n");
    }

    @Test
    void honoursAChosenContextSize() {
        String diff = TextDiff.unified("a", "1\n2\n3\n4\n5\n", "b", "1\n2\nX\n4\n5\n", 0);
        assertThat(diff).isEqualTo("--- a\n+++ b\n@@ -3,1 +3,1 @@\n-3\n+X\n");
    }
}
