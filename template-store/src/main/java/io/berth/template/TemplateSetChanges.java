package io.berth.template;

import java.util.Map;

/**
 * A partial update of a template set. A null field is left as it is; labels, when given, replace the
 * whole label set.
 *
 * @param expectedVersion the version the caller last saw (from If-Match), or null to skip the check
 * @param updatedBy       who makes the change
 */
public record TemplateSetChanges(String description, Map<String, String> labels, Long expectedVersion,
                                 String updatedBy) {
}
