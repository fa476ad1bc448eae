/**
 * Berth's side of the Helm workers: the pool of worker processes ({@code HelmWorkerPool}), one
 * worker process with its limits ({@code WorkerProcess}), how a worker is started
 * ({@code WorkerCommand}, {@code WorkerEnvironment}), what it is started with, taken from Berth's
 * class path ({@code HelmRuntime}, {@code CodeLocation}), and how much memory it holds
 * ({@code ResidentMemory}). Helm's library is never loaded in Berth's JVM; see
 * docs/helm-isolation.md for the reasons and the figures.
 */
package io.berth.template.internal.helm.pool;
