package io.berth.template;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which template sets to list, in name order.
 *
 * @param labels    which label sets to keep; the caller brings the matcher (the HTTP API uses the
 *                  Kubernetes label selector), so this module needs no selector syntax of its own
 * @param text      keep sets whose name or description contains this text, ignoring case; null or
 *                  blank for all
 * @param limit     page size
 * @param afterName continue after this set name (decoded from the cursor), or null to start
 * @param projects  keep the sets of these projects and the shared ones; null for every set
 */
public record TemplateSetQuery(Predicate<Map<String, String>> labels, String text, int limit, String afterName,
                               Set<UUID> projects) {

    public TemplateSetQuery(Predicate<Map<String, String>> labels, String text, int limit, String afterName) {
        this(labels, text, limit, afterName, null);
    }

    public TemplateSetQuery {
        labels = labels == null ? any -> true : labels;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Everything, in pages of {@code limit}. */
    public static TemplateSetQuery all(int limit) {
        return new TemplateSetQuery(null, null, limit, null);
    }

    /** Whether a set of this project, shared or not, is kept. */
    boolean keeps(UUID project, boolean shared) {
        return projects == null || shared || projects.contains(project);
    }

    boolean hasText() {
        return text != null && !text.isBlank();
    }

    String trimmedText() {
        return Objects.requireNonNull(text).trim();
    }
}
