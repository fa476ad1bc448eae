package io.berth.template;

import java.util.Objects;

/**
 * A {@code Helm} version to publish: a chart archive.
 *
 * @param version   a semantic version ({@link SemVer}), unique in the set
 * @param changelog one line saying what changed, may be null
 */
public record NewHelmVersion(String version, String changelog, HelmContent chart, String createdBy) {

    public NewHelmVersion {
        Objects.requireNonNull(chart, "chart");
    }
}
