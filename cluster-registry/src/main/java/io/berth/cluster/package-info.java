/**
 * The cluster registry's public API: {@link io.berth.cluster.ClusterRegistry} and the records and
 * exceptions it speaks in. Registered clusters keep their kubeconfig sealed (AES-256-GCM) and never
 * hand it out; probes say whether each cluster answers and, if not, why. Everything under
 * {@code internal} is private to this module.
 */
package io.berth.cluster;
