/**
 * Health probes: ask a cluster for its version and node count within a time-out, classify failures
 * (Unreachable, Unauthorized, TLSError), record status changes as events, and re-probe every cluster
 * in the background with bounded parallelism.
 */
package io.berth.cluster.internal.probe;
