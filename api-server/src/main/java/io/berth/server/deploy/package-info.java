/**
 * The Kubernetes-facing deploy engine: what Berth does to one cluster once a template is rendered.
 * <ul>
 *   <li>{@link io.berth.server.deploy.ManifestApplier}: server-side apply of rendered objects with Berth's
 *       labels and annotations (waiting for CRDs to be established), pruning of objects a new revision
 *       dropped, and uninstall (PersistentVolumeClaims kept unless asked);</li>
 *   <li>{@link io.berth.server.deploy.WorkloadScaler}: scaling through {@code /scale} or a replicas path;</li>
 *   <li>{@link io.berth.server.deploy.WorkloadReadiness}: pure readiness rules for live workloads, and
 *       the wait for all workloads of a revision to be ready;</li>
 *   <li>{@link io.berth.server.deploy.Workloads}: pure helpers on rendered object trees.</li>
 * </ul>
 * Every class here takes the cluster's {@code KubernetesClient} per call and owns no state: the caller
 * keeps one cached client per cluster. Nothing here touches the database. Failures are runtime
 * exceptions whose messages name the object and carry the cluster's own words, never credentials.
 */
package io.berth.server.deploy;
