package io.berth.template.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlaceholderScannerTest {

    private static Scan scan(String text) {
        Markers markers = Markers.avoiding(text);
        PlaceholderScanner.Scanned scanned = new PlaceholderScanner(markers).scan(new DocumentChunk(text, 1));
        List<Placeholder> placeholders = markers.placeholders().values().stream()
                .sorted(java.util.Comparator.comparingInt(Placeholder::id)).toList();
        return new Scan(scanned, placeholders);
    }

    private record Scan(PlaceholderScanner.Scanned scanned, List<Placeholder> placeholders) {

        List<Boolean> typed() {
            return placeholders.stream().map(Placeholder::typed).toList();
        }
    }

    @Test
    void aWholePlainValueBecomesAQuotedTypedMarker() {
        Scan scan = scan("replicas: {{ replicas }}\nitems:\n- {{ a }}\n- - {{b}} # note\nx:\n  - key: {{ c.d }}\n");

        assertThat(scan.scanned().text()).isEqualTo("replicas: \"__berth_ph_0__\"\nitems:\n- \"__berth_ph_1__\"\n"
                + "- - \"__berth_ph_2__\" # note\nx:\n  - key: \"__berth_ph_3__\"\n");
        assertThat(scan.typed()).containsOnly(true);
        assertThat(scan.placeholders()).extracting(Placeholder::name).containsExactly("replicas", "a", "b", "c.d");
        assertThat(scan.placeholders()).extracting(Placeholder::line).containsExactly(1, 3, 4, 6);
    }

    @Test
    void aPlaceholderNextToTextOrQuotesOrInAFlowCollectionIsAnInlineTextMarker() {
        Scan scan = scan("image: nginx:{{ tag }}\nq: \"{{ a }}\"\ns: '{{ b }}'\nf: [{{ c }}]\nm: {k: {{ d }}}\n{{ e }}: v\n");

        assertThat(scan.scanned().text()).isEqualTo("image: nginx:__berth_ph_0__\nq: \"__berth_ph_1__\"\n"
                + "s: '__berth_ph_2__'\nf: [__berth_ph_3__]\nm: {k: __berth_ph_4__}\n__berth_ph_5__: v\n");
        assertThat(scan.typed()).containsOnly(false);
    }

    @Test
    void placeholdersInBlockScalarsAreTextUntilTheBlockEnds() {
        Scan scan = scan("data:\n  conf: |\n    port: {{ a }}\n\n    - {{ b }}\n    # {{ c }}\n  next: {{ d }}\n"
                + "list:\n- >-\n  {{ e }}\n- {{ f }}\n- key: |\n    k: {{ g }}\n  other: {{ h }}\n");

        assertThat(scan.typed()).containsExactly(false, false, false, true, false, true, false, true);
    }

    @Test
    void commentLinesAreLeftAlone() {
        Scan scan = scan("# replicas: {{ replicas }} or {{ anything else }}\na: b  \n");

        assertThat(scan.scanned().text()).isEqualTo("# replicas: {{ replicas }} or {{ anything else }}\na: b  \n");
        assertThat(scan.placeholders()).isEmpty();
        assertThat(scan.scanned().malformed()).isEmpty();
    }

    @Test
    void openingBracesThatDoNotFormAPlaceholderAreReportedWithTheirLine() {
        Scan scan = scan("a: {{ ok }}\nb: {{ not ok }}\nc: \"{{ 1st }}\"\n");

        assertThat(scan.scanned().malformed()).hasSize(2)
                .allSatisfy(m -> assertThat(m).contains("does not start a placeholder"));
        assertThat(scan.scanned().malformed().get(0)).startsWith("line 2:");
    }

    @Test
    void markersAvoidTextAlreadyInTheTemplate() {
        Scan scan = scan("a: __berth_ph_0__\nb: {{ x }}\n");

        assertThat(scan.scanned().text()).isEqualTo("a: __berth_ph_0__\nb: \"__berth_ph1_0__\"\n");
    }
}
