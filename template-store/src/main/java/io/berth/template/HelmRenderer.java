package io.berth.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.berth.template.internal.helm.HelmCharts;
import io.berth.template.internal.helm.pool.HelmRuntime;

/**
 * Renders and lints {@link HelmContent} with Helm itself, in a worker process of {@link HelmWorkers}
 * (helm-java, which loads Helm's Go library there, never in Berth's JVM; see {@link #isAvailable()}).
 *
 * <p>Before anything is written to disk the archive is checked in memory; refused with a problem:
 * over {@link ContentLimits#maxBytes()}, unpacking to more than ten times that, more than 1000
 * entries, absolute names or names with a {@code ..} segment, symbolic or hard links and other
 * entry types that are neither files nor directories, or files outside one top-level directory.
 * The checked chart is then unpacked into a temporary directory of its own for each call, which is
 * deleted afterwards, so concurrent calls never share files.
 *
 * <p>Rendering: the release name is {@link BuiltIns#application()}, the namespace
 * {@link BuiltIns#namespace()} (the cluster and its labels are not given to charts); the values
 * are written to a values file as JSON (never as {@code --set} strings), so Helm merges them over
 * {@code values.yaml}, an explicit {@code null} removes a default, and {@code values.schema.json}
 * is enforced by Helm. Helm's output is read back document by document, checked by the same rules
 * as Simple content (apiVersion, kind, DNS-1123 names, no duplicates) and written in the same apply
 * order with the same YAML writer, so the same chart and values give the same bytes (unless a
 * template itself uses random or time functions). Hooks and tests ({@code helm.sh/hook}) are not
 * part of the output. A manifest that does not name its namespace gets the target namespace in
 * {@link RenderedManifest#namespace()} unless its kind is cluster-scoped; its object is left as
 * Helm rendered it. {@link RenderedManifest#sourceIndex()} counts the documents in Helm's output.
 *
 * <p>Known limit: Helm's YAML is read back as YAML 1.2, like all YAML in the template store; a plain
 * {@code yes} or {@code 0644} in a template stays a string where kubectl would read a boolean or
 * the number 420 (see DESIGN.md).
 *
 * <p>Helm runs as an offline {@code helm template} would: {@code lookup} finds nothing, whatever
 * cluster Berth's environment names. A chart that makes Helm pass a limit of {@link HelmLimits}
 * (time, memory, output) fails with one problem that names the limit and its setting.
 */
public final class HelmRenderer {

    private final ContentLimits limits;
    private final HelmWorkers workers;

    public HelmRenderer(HelmWorkers workers) {
        this(ContentLimits.DEFAULT, workers);
    }

    /** @param limits {@link ContentLimits#maxBytes()} bounds the archive; the document count is not used */
    public HelmRenderer(ContentLimits limits, HelmWorkers workers) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /**
     * Whether Helm can run on this platform: helm-java, JNA and helm-java's native library for this
     * OS and architecture are on the class path. Nothing is loaded to tell.
     */
    public static boolean isAvailable() {
        return HelmRuntime.unavailable().isEmpty();
    }

    /**
     * @param values the values given for this render (may be {@code null}), merged by Helm over the
     *               chart's {@code values.yaml}
     * @throws RenderException       listing the problems: a refused archive, values that break
     *                               {@code values.schema.json} (path {@code values}, one problem per
     *                               failure), a template error (path: the template file as Helm names
     *                               it, e.g. {@code web/templates/statefulset.yaml}), rendered objects
     *                               that break the manifest rules, no documents at all, or a limit
     *                               passed (one problem without a path)
     * @throws IllegalStateException when Helm is not {@linkplain #isAvailable() available} or a
     *                               worker fails for a reason of Berth's own (it cannot start)
     */
    public RenderedManifests render(HelmContent content, Map<String, Object> values, BuiltIns builtIns) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(builtIns, "builtIns");
        return HelmCharts.render(content.chartArchive(), limits, values == null ? Map.of() : values, builtIns,
                workers.pool());
    }

    /**
     * {@code helm lint} with the chart's own values, after the archive checks: every error becomes a
     * problem (warnings and information, such as "icon is recommended", are left out). A library
     * chart is a problem too, since it cannot be rendered. An empty list means the chart lints clean.
     * A limit passed while linting is a problem as well.
     *
     * @throws IllegalStateException when the archive passes its checks but Helm is not
     *                               {@linkplain #isAvailable() available}, or a worker cannot start
     */
    public List<TemplateProblem> lint(HelmContent content) {
        Objects.requireNonNull(content, "content");
        return HelmCharts.lint(content.chartArchive(), limits, workers.pool());
    }
}
