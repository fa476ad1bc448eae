/**
 * Health: {@link io.berth.engine.health.HealthJudge} is the one function that says how an object is
 * doing (one rule per kind; nothing is Healthy by default), used by the readiness wait of a deploy
 * ({@link io.berth.engine.health.WorkloadReadiness}), the status tracker and the resource tree alike.
 * The judge is pure; {@link io.berth.engine.health.LiveReader} reads what it needs from a cluster.
 */
package io.berth.engine.health;
