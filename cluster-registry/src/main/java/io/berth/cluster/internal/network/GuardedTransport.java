package io.berth.cluster.internal.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.TcpConfig;
import io.vertx.core.transport.Transport;
import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * Vert.x's NIO transport, except that every TCP connection opened through it is first judged by
 * {@link DeniedNetworks}. Berth gives it to the one Vert.x instance that carries all cluster clients, so the
 * check covers every request, watch and WebSocket of every cluster, and the connection to a kubeconfig's proxy.
 *
 * <p>Why this depth: the check runs on the address the socket is about to connect to, after Vert.x has resolved
 * the name. A check on the URL before a request (a fabric8 interceptor, or a look-up when the client is built)
 * would resolve the name separately from the connection, and a DNS answer that changes in between (DNS
 * rebinding) or an address written in a form one resolver reads differently from another would get past it.
 * Here there is nothing left to reinterpret. Through a proxy, the socket goes to the proxy and the proxy
 * resolves the cluster's name: Berth then judges the proxy's address on every connection, and the server's
 * only as Berth resolves it at registration.
 */
public final class GuardedTransport implements Transport {

    private final Transport nio = Transport.NIO;
    private final Implementation implementation;

    public GuardedTransport(DeniedNetworks denied) {
        this.implementation = new Implementation(nio.implementation(), denied);
    }

    @Override
    public String name() {
        return nio.name();
    }

    @Override
    public boolean available() {
        return nio.available();
    }

    @Override
    public Throwable unavailabilityCause() {
        return nio.unavailabilityCause();
    }

    @Override
    public io.vertx.core.spi.transport.Transport implementation() {
        return implementation;
    }

    /** Delegates to the NIO transport; only the factory of client channels differs. */
    private record Implementation(io.vertx.core.spi.transport.Transport nio, DeniedNetworks denied)
            implements io.vertx.core.spi.transport.Transport {

        @Override
        public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
            if (domainSocket) {
                // A Unix socket is a file on Berth's host: never where a cluster lives.
                throw new IllegalArgumentException("cluster clients connect over TCP only");
            }
            return () -> new GuardedSocketChannel(denied);
        }

        @Override
        public boolean supportsDomainSockets() {
            return false;
        }

        @Override
        public boolean supportFileRegion() {
            return nio.supportFileRegion();
        }

        @Override
        public boolean isAvailable() {
            return nio.isAvailable();
        }

        @Override
        public Throwable unavailabilityCause() {
            return nio.unavailabilityCause();
        }

        @Override
        public SocketAddress convert(io.vertx.core.net.SocketAddress address) {
            return nio.convert(address);
        }

        @Override
        public io.vertx.core.net.SocketAddress convert(SocketAddress address) {
            return nio.convert(address);
        }

        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return nio.ioHandlerFactory();
        }

        @Override
        public EventLoopGroup eventLoopGroup(int type, int threads, ThreadFactory threadFactory, int ioRatio) {
            return nio.eventLoopGroup(type, threads, threadFactory, ioRatio);
        }

        @Override
        public DatagramChannel datagramChannel(InternetProtocolFamily family) {
            return nio.datagramChannel(family);
        }

        @Override
        public ChannelFactory<? extends DatagramChannel> datagramChannelFactory() {
            return nio.datagramChannelFactory();
        }

        @Override
        public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
            return nio.serverChannelFactory(domainSocket);
        }

        @Override
        public void configure(DatagramChannel channel, DatagramSocketOptions options) {
            nio.configure(channel, options);
        }

        @Override
        public void configure(TcpConfig config, boolean domainSocket, Bootstrap bootstrap) {
            nio.configure(config, domainSocket, bootstrap);
        }

        @Override
        public void configure(TcpConfig config, boolean domainSocket, ServerBootstrap bootstrap) {
            nio.configure(config, domainSocket, bootstrap);
        }
    }
}
