/**
 * Live health of deployed targets: the {@link io.berth.server.status.StatusTracker} looks at each
 * target's workloads at an interval and records its {@link io.berth.server.status.Health} when it
 * changes; {@link io.berth.server.status.HealthRules} are the pure judgements.
 */
package io.berth.server.status;
