package io.berth.cluster;

import java.util.Map;

/**
 * The new descriptive fields of a cluster, all of them: a null display name or description means
 * none, null labels mean no labels. (The API's PATCH merges the request into the current fields
 * before it gets here.)
 *
 * @param expectedVersion the version the caller last saw (from If-Match), or null to skip the check
 */
public record ClusterChanges(String displayName, String description, Map<String, String> labels, Long expectedVersion) {
}
