package io.berth.engine;

import java.util.Objects;

/**
 * What Berth stamps on every object it applies: the application it belongs to (a label, so that
 * objects can be selected by it) and the revision, template and content digest it came from
 * (annotations).
 */
public record Stamp(String application, int revision, String templateSet, String templateVersion, String digest) {

    public Stamp {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(templateSet, "templateSet");
        Objects.requireNonNull(templateVersion, "templateVersion");
        Objects.requireNonNull(digest, "digest");
    }
}
