package io.berth.server.projects;

import jakarta.validation.constraints.Min;

/**
 * A project's limits, checked before anything is written; a null limit is no limit.
 *
 * @param maxApplications how many applications the project may hold (deleted ones awaiting purge included)
 * @param maxReplicas     how many workload replicas its applications may run in all, over every target
 */
public record ProjectQuota(@Min(0) Integer maxApplications, @Min(0) Integer maxReplicas) {

    static final ProjectQuota NONE = new ProjectQuota(null, null);
}
