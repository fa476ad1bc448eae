/**
 * Berth's own meters, exported at {@code /actuator/prometheus} (see docs/metrics.md): operations and
 * their steps, clusters (status, probe latency, apply errors), the status tracker's watches, and
 * subscribers of the event stream. The features report to these classes through narrow observer
 * interfaces of their own ({@code OperationObserver}, {@code WatchObserver}, the registry's
 * {@code ProbeListener}), so that no feature knows Micrometer; apply errors are counted where a step calls
 * the engine ({@link io.berth.server.metrics.ClusterMetrics#applyFailed}), as the engine knows nothing but
 * fabric8. Tags are bounded: operation types, step actions, states and registered cluster names, never
 * an application or a namespace.
 */
package io.berth.server.metrics;
