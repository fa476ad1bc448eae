package io.berth.template;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import io.berth.template.internal.helm.HelmCharts;

/**
 * The content of a {@code Helm} template version: a chart archive ({@code .tgz}) as
 * {@code helm package} writes it, one top-level directory holding {@code Chart.yaml},
 * {@code values.yaml}, {@code templates/} and, optionally, {@code values.schema.json}.
 *
 * <p>The archive is kept as given (this object holds its own copy). {@link #chart()} reads the
 * chart's description from it in memory; {@link HelmRenderer} renders and lints it.
 */
public final class HelmContent {

    private final byte[] chartArchive;

    public HelmContent(byte[] chartArchive) {
        this.chartArchive = Objects.requireNonNull(chartArchive, "chartArchive").clone();
    }

    /** A copy of the archive's bytes. */
    public byte[] chartArchive() {
        return chartArchive.clone();
    }

    /** The archive's size in bytes. */
    public int size() {
        return chartArchive.length;
    }

    /** {@link #chart(ContentLimits)} with {@link ContentLimits#DEFAULT}. */
    public Chart chart() {
        return chart(ContentLimits.DEFAULT);
    }

    /**
     * What the chart says about itself, read from the archive without unpacking it to disk.
     *
     * @throws RenderException listing the problems when the archive is refused (see
     *                         {@link HelmRenderer}) or has no readable {@code Chart.yaml}
     */
    public Chart chart(ContentLimits limits) {
        return HelmCharts.describe(chartArchive, Objects.requireNonNull(limits, "limits"));
    }

    /**
     * The chart's description.
     *
     * @param name             {@code name} in {@code Chart.yaml}, or {@code null} when missing
     * @param version          {@code version} in {@code Chart.yaml}, or {@code null} when missing
     * @param valuesSchemaJson the text of {@code values.schema.json} (the parameter schema), or
     *                         {@code null} when the chart has none
     * @param valuesYaml       the text of {@code values.yaml} (the defaults), or {@code null} when
     *                         the chart has none
     */
    public record Chart(String name, String version, String valuesSchemaJson, String valuesYaml) {

        /**
         * The defaults of {@code values.yaml} as plain values (maps, lists, strings, numbers,
         * booleans); empty when there is no file or it is empty. Read as YAML 1.2, like all YAML in
         * the template store.
         *
         * @throws RenderException when {@code values.yaml} is not a YAML mapping
         */
        public Map<String, Object> defaults() {
            return HelmCharts.defaults(valuesYaml);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HelmContent content && Arrays.equals(chartArchive, content.chartArchive);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chartArchive);
    }

    @Override
    public String toString() {
        return "HelmContent[" + chartArchive.length + " bytes]";
    }
}
