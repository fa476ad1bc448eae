/**
 * Live health of deployed targets: the {@link io.berth.server.status.StatusTracker} follows each
 * target's objects and records its health when it changes, as the engine's
 * {@link io.berth.engine.health.HealthJudge} judges it.
 */
package io.berth.server.status;
