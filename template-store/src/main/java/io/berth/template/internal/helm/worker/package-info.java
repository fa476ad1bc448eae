/**
 * The Helm worker, the process in which Helm's Go library runs instead of Berth's JVM
 * ({@code HelmWorkerMain}), what it serves ({@code HelmCalls}), the empty API server that stands
 * in for a cluster ({@code NullCluster}), its own watchdog, and the messages it exchanges with
 * Berth ({@code WorkerWire}, used by both sides).
 *
 * <p>Code here runs with a class path of the JDK, helm-java, JNA and this module only, so it uses
 * nothing else; Berth's side of the worker lives in {@code internal.helm.pool}.
 */
package io.berth.template.internal.helm.worker;
