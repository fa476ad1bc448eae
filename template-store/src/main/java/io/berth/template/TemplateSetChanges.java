package io.berth.template;

import java.util.Map;

/**
 * The new description, labels and sharing of a template set, all of them: a null description means none,
 * null labels mean no labels. (The API's PATCH merges the request into the current fields before
 * it gets here.)
 *
 * @param expectedVersion the version the caller last saw (from If-Match), or null to skip the check
 * @param updatedBy       who makes the change
 */
public record TemplateSetChanges(String description, Map<String, String> labels, boolean shared, Long expectedVersion,
                                 String updatedBy) {
}
