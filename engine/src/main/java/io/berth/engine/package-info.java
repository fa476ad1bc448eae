/**
 * Berth's engine: what Berth does to one cluster once a template is rendered. No web, no database:
 * it depends on the fabric8 client only, and every class takes the cluster's {@code KubernetesClient}
 * per call and owns no state (the caller keeps one cached client per cluster).
 * <ul>
 *   <li>{@link io.berth.engine.ManifestApplier}: server-side apply of rendered objects with Berth's
 *       labels and annotations (waiting for CRDs to be established), pruning of objects a new revision
 *       dropped, and uninstall (PersistentVolumeClaims kept unless asked);</li>
 *   <li>{@link io.berth.engine.WorkloadScaler}: scaling through {@code /scale} or a replicas path;</li>
 *   <li>{@link io.berth.engine.Workloads}: pure helpers on object trees;</li>
 *   <li>{@link io.berth.engine.health}: the one judge of health, and the readiness wait that uses it;</li>
 *   <li>{@link io.berth.engine.tree}: a target's objects read live with their pods and claims, and the events
 *       about them.</li>
 * </ul>
 * Failures are runtime exceptions whose messages name the object and carry the cluster's own words,
 * never credentials.
 */
package io.berth.engine;
