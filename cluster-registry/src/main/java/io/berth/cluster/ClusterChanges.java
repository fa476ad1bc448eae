package io.berth.cluster;

import java.util.Map;

/**
 * A partial update of a cluster's descriptive fields. A null field is left as it is; labels, when
 * given, replace the whole label set.
 *
 * @param expectedVersion the version the caller last saw (from If-Match), or null to skip the check
 */
public record ClusterChanges(String displayName, String description, Map<String, String> labels, Long expectedVersion) {
}
