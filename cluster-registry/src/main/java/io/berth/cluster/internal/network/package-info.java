/**
 * Where cluster clients may connect. {@link io.berth.cluster.internal.network.DeniedNetworks} holds the networks
 * Berth never connects a cluster client to (link-local and cloud metadata addresses by default, setting
 * {@code berth.clusters.denied-networks}); the kubeconfig validator refuses a server or proxy whose host is, or
 * resolves to, such an address, and {@link io.berth.cluster.internal.network.GuardedTransport} refuses every
 * connection to one when it is opened, because a name may resolve elsewhere after registration.
 */
package io.berth.cluster.internal.network;
