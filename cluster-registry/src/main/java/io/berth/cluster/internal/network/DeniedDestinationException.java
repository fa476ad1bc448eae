package io.berth.cluster.internal.network;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Berth refused to open a connection for a cluster client: the address is in a denied network. Thrown before
 * any packet is sent. The message names the address and the network, which are not secret, and never a URL
 * path or query.
 */
public class DeniedDestinationException extends IOException {

    private final transient InetSocketAddress destination;
    private final transient Cidr network;

    public DeniedDestinationException(InetSocketAddress destination, Cidr network) {
        super("Berth refused to connect to " + destination.getAddress().getHostAddress() + " port "
                + destination.getPort() + ": the address is in the denied network " + network
                + " (setting berth.clusters.denied-networks)");
        this.destination = destination;
        this.network = network;
    }

    public InetSocketAddress destination() {
        return destination;
    }

    public Cidr network() {
        return network;
    }
}
