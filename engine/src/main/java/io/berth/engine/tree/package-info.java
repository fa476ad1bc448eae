/**
 * The resource tree of a target, read live: each object Berth applied with its health (judged by
 * {@link io.berth.engine.health.HealthJudge}, as everywhere else) and what it runs — the pods of a
 * StatefulSet, Deployment or custom resource, the PersistentVolumeClaims of a StatefulSet, retained
 * ones included — and the Kubernetes events about them.
 * <ul>
 *   <li>{@link io.berth.engine.tree.ResourceTreeReader} reads a target's objects into
 *       {@link io.berth.engine.tree.ObjectNode}s;</li>
 *   <li>{@link io.berth.engine.tree.EventReader} lists the events about a tree's objects, pods and claims,
 *       newest first.</li>
 * </ul>
 * The node builders are pure functions of object trees; only the two readers call the cluster.
 */
package io.berth.engine.tree;
