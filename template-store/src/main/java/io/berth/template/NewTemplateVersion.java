package io.berth.template;

import java.util.Objects;

/**
 * A {@code Simple} version to publish.
 *
 * @param version   a semantic version ({@link SemVer}), unique in the set
 * @param changelog one line saying what changed, may be null
 */
public record NewTemplateVersion(String version, String changelog, SimpleContent content, String createdBy) {

    public NewTemplateVersion {
        Objects.requireNonNull(content, "content");
    }
}
