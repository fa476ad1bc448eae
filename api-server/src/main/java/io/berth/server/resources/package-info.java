/**
 * What an application's targets run, read live from their clusters: the resource tree (each object
 * Berth applied with its health, pods and claims) and the Kubernetes events about it. The clusters of an
 * application are read in parallel, each under a deadline ({@link io.berth.server.resources.ClusterFanOut}),
 * and a cluster that cannot be read fails only its own targets. The applications feature says which
 * targets there are through {@link io.berth.server.resources.DeployedTargets}; the engine's
 * {@link io.berth.engine.tree} reads them.
 */
package io.berth.server.resources;
