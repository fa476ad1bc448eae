package io.berth.cluster.internal.network;

import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.dns.DnsNameResolver;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * A NIO socket channel that refuses to connect to an address in a denied network. The check runs on the
 * address the socket is about to connect to, after name resolution and just before the {@code connect} call.
 */
final class GuardedSocketChannel extends NioSocketChannel {

    private static final int DNS_PORT = 53;

    private final DeniedNetworks denied;

    GuardedSocketChannel(DeniedNetworks denied) {
        this.denied = denied;
    }

    @Override
    protected boolean doConnect(SocketAddress remoteAddress, SocketAddress localAddress) throws Exception {
        Optional<DeniedDestinationException> refusal = refusal(remoteAddress);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        return super.doConnect(remoteAddress, localAddress);
    }

    /** Why a connection to the address is refused, if it is. */
    Optional<DeniedDestinationException> refusal(SocketAddress remoteAddress) {
        // An unresolved address is left to the JDK, which refuses to connect to one.
        if (!(remoteAddress instanceof InetSocketAddress destination) || destination.isUnresolved()
                || isDnsQueryOverTcp(destination)) {
            return Optional.empty();
        }
        return denied.match(destination.getAddress()).map(network -> new DeniedDestinationException(destination, network));
    }

    /**
     * Vert.x's DNS resolver retries a truncated answer over TCP through this same transport, to the name servers
     * of Berth's host. Those can be link-local (AWS's 169.254.169.253, GCP's metadata server): refusing them would
     * break name resolution, not protect anything, since such a connection only carries DNS queries to port 53.
     */
    private boolean isDnsQueryOverTcp(InetSocketAddress destination) {
        return destination.getPort() == DNS_PORT && Boolean.TRUE.equals(attr(DnsNameResolver.DNS_PIPELINE_ATTRIBUTE).get());
    }
}
