package io.berth.template.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.berth.template.ContentLimits;
import io.berth.template.HelmContent;
import io.berth.template.HelmRenderer;
import io.berth.template.RenderException;
import io.berth.template.TemplateProblem;

/**
 * Archives that are refused before anything is written to disk. Neither render nor lint needs Helm
 * for these: the checks come first.
 */
class HelmArchiveSafetyTest {

    private final HelmRenderer renderer = TestHelm.renderer();

    @Test
    void refusesAZipSlipEntry() {
        HelmContent content = webWith(new TestCharts.Tar().file("web/../../evil.sh", "echo owned"));

        assertRefused(content, "web/../../evil.sh", "\"..\" is not allowed");
        assertThat(Path.of(System.getProperty("java.io.tmpdir"), "evil.sh")).doesNotExist();
    }

    @Test
    void refusesADotDotSegmentHiddenInTheMiddle() {
        assertRefused(webWith(new TestCharts.Tar().file("web/templates/../../../x.yaml", "a: 1")),
                "web/templates/../../../x.yaml", "\"..\" is not allowed");
    }

    @Test
    void refusesAbsolutePaths() {
        assertRefused(webWith(new TestCharts.Tar().file("/etc/cron.d/evil", "x")), "/etc/cron.d/evil",
                "absolute paths are not allowed");
        assertRefused(webWith(new TestCharts.Tar().file("C:/Windows/evil", "x")), "C:/Windows/evil",
                "absolute paths are not allowed");
    }

    @Test
    void refusesBackslashes() {
        assertRefused(webWith(new TestCharts.Tar().file("web\\..\\..\\evil", "x")), "web\\..\\..\\evil",
                "backslash");
    }

    @Test
    void refusesSymbolicAndHardLinks() {
        assertRefused(webWith(new TestCharts.Tar().symlink("web/templates/passwd.yaml", "/etc/passwd")),
                "web/templates/passwd.yaml", "symbolic links are not allowed");
        assertRefused(webWith(new TestCharts.Tar().hardLink("web/templates/passwd.yaml", "/etc/passwd")),
                "web/templates/passwd.yaml", "hard links are not allowed");
    }

    @Test
    void refusesDevicesAndFifos() {
        assertRefused(webWith(new TestCharts.Tar().entry("web/fifo", '6', "", new byte[0])), "web/fifo",
                "tar type '6' are not allowed");
    }

    @Test
    void refusesAnArchiveOverTheContentLimit() {
        HelmRenderer small = TestHelm.renderer(new ContentLimits(512, 100));
        HelmContent content = TestCharts.web();
        assertThat(content.size()).isGreaterThan(512);

        List<TemplateProblem> problems = small.lint(content);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isNull();
            assertThat(p.message()).isEqualTo("the chart archive is " + content.size()
                    + " bytes where at most 512 are allowed");
        });
        assertThatThrownBy(() -> small.render(content, Map.of(), TestCharts.BUILT_INS))
                .isInstanceOf(RenderException.class).hasMessageContaining("at most 512 are allowed");
        assertThatThrownBy(() -> content.chart(new ContentLimits(512, 100)))
                .isInstanceOf(RenderException.class).hasMessageContaining("at most 512 are allowed");
    }

    @Test
    void refusesAnArchiveThatUnpacksToMoreThanTenTimesTheLimit() {
        HelmRenderer renderer = TestHelm.renderer(new ContentLimits(64 * 1024, 100));
        HelmContent bomb = webWith(new TestCharts.Tar().file("web/files/zeros.bin", new byte[700 * 1024]));
        assertThat(bomb.size()).isLessThan(64 * 1024);

        assertThat(renderer.lint(bomb)).singleElement().satisfies(p ->
                assertThat(p.message()).isEqualTo("the chart archive unpacks to more than 655360 bytes"
                        + " (10 times the content limit)"));
    }

    @Test
    void refusesMoreThanAThousandEntries() {
        TestCharts.Tar tar = new TestCharts.Tar().file("web/Chart.yaml", TestCharts.CHART_YAML);
        for (int i = 0; i < 1000; i++) {
            tar.file("web/files/f" + i + ".txt", "x");
        }

        assertThat(renderer.lint(new HelmContent(tar.gzip()))).singleElement().satisfies(p ->
                assertThat(p.message()).isEqualTo("the chart archive has more than 1000 entries"));
    }

    @Test
    void refusesFilesOutsideOneChartDirectory() {
        assertRefused(webWith(new TestCharts.Tar().file("other/Chart.yaml", "name: other")), "other/Chart.yaml",
                "one chart directory, but has \"web\" and \"other\"");
        assertRefused(new HelmContent(new TestCharts.Tar().file("Chart.yaml", TestCharts.CHART_YAML).gzip()),
                "Chart.yaml", "files must be inside the chart's directory");
    }

    @Test
    void refusesTheSameFileTwiceAndAFileThatIsAlsoADirectory() {
        assertRefused(webWith(new TestCharts.Tar().file("web/./values.yaml", "replicas: 1")), "web/./values.yaml",
                "holds this file twice");
        assertRefused(webWith(new TestCharts.Tar().file("web/templates/service.yaml/x", "a: 1")),
                "web/templates/service.yaml", "as a file and as a directory");
    }

    @Test
    void refusesWhatIsNotAGzippedTar() {
        assertRefused(new HelmContent("apiVersion: v2\nname: web\n".getBytes()), null,
                "must be a gzip-compressed tar archive");
        byte[] cut = TestCharts.web().chartArchive();
        assertRefused(new HelmContent(Arrays.copyOf(cut, cut.length / 2)), null,
                "not valid gzip data or is cut short");
        assertRefused(new HelmContent(new TestCharts.Tar().gzip()), null, "holds no files");
    }

    @Test
    void refusedArchivesWriteNothingToDisk() throws IOException {
        List<Path> before = workspaces();

        renderer.lint(webWith(new TestCharts.Tar().file("web/../evil", "x")));

        assertThat(workspaces()).isEqualTo(before);
    }

    /** The web chart's files followed by the entries of {@code extra}. */
    private static HelmContent webWith(TestCharts.Tar extra) {
        TestCharts.Tar tar = new TestCharts.Tar().directory("web/");
        TestCharts.webFiles().forEach((path, text) -> tar.file("web/" + path, text));
        byte[] extraEntries = extra.gzip();
        return new HelmContent(concatenate(tar, extraEntries));
    }

    /** Appends the entries of a second archive (without its end blocks) to the first. */
    private static byte[] concatenate(TestCharts.Tar first, byte[] second) {
        try {
            byte[] a = ungzip(first.gzip());
            byte[] b = ungzip(second);
            byte[] joined = new byte[a.length - 1024 + b.length];
            System.arraycopy(a, 0, joined, 0, a.length - 1024);
            System.arraycopy(b, 0, joined, a.length - 1024, b.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(joined);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ungzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(
                new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private void assertRefused(HelmContent content, String path, String message) {
        assertThat(renderer.lint(content)).as("lint").anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(message);
        });
        assertThatThrownBy(() -> renderer.render(content, Map.of(), TestCharts.BUILT_INS)).as("render")
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.path()).isEqualTo(path);
                    assertThat(p.message()).contains(message);
                }));
        assertThatThrownBy(content::chart).as("chart").isInstanceOf(RenderException.class);
    }

    private static List<Path> workspaces() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("berth-helm-")).sorted().toList();
        }
    }
}
