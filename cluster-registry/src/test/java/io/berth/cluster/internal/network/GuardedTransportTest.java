package io.berth.cluster.internal.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.resolver.dns.DnsNameResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedTransportTest {

    private static final DeniedNetworks LOOPBACK_DENIED = DeniedNetworks.of(List.of("127.0.0.0/8", "::1/128"));

    private EventLoopGroup group;
    private ServerSocketChannel listener;

    @BeforeEach
    void listen() throws IOException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        // Not blocking: accept() then tells at once whether a connection is waiting in the kernel's queue.
        listener.configureBlocking(false);
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
        group.shutdownGracefully().syncUninterruptibly();
    }

    @Test
    void refusesToConnectToADeniedAddressBeforeAnyPacketIsSent() throws IOException {
        ChannelFuture connect = bootstrap(new GuardedTransport(LOOPBACK_DENIED)).connect(listener.getLocalAddress())
                .awaitUninterruptibly();

        assertThat(connect.cause()).isInstanceOf(DeniedDestinationException.class)
                .hasMessageContaining("127.0.0.1").hasMessageContaining("127.0.0.0/8")
                .hasMessageContaining("berth.clusters.denied-networks");
        assertThat(listener.accept()).isNull();
    }

    @Test
    void judgesTheAddressANameResolvedTo() throws IOException {
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();

        ChannelFuture connect = bootstrap(new GuardedTransport(LOOPBACK_DENIED)).connect("localhost", port)
                .awaitUninterruptibly();

        assertThat(connect.cause()).isInstanceOf(DeniedDestinationException.class);
        assertThat(listener.accept()).isNull();
    }

    @Test
    void connectsToAnAddressThatIsNotDenied() throws IOException {
        ChannelFuture connect = bootstrap(new GuardedTransport(DeniedNetworks.defaults()))
                .connect(listener.getLocalAddress()).awaitUninterruptibly();

        assertThat(connect.isSuccess()).as(String.valueOf(connect.cause())).isTrue();
        try (SocketChannel accepted = listener.accept()) {
            assertThat(accepted).isNotNull();
        }
        connect.channel().close().syncUninterruptibly();
    }

    @Test
    void letsTheDnsResolverReachItsNameServersOverTcpOnPort53Only() {
        GuardedSocketChannel dnsQuery = new GuardedSocketChannel(DeniedNetworks.defaults());
        GuardedSocketChannel other = new GuardedSocketChannel(DeniedNetworks.defaults());
        try {
            dnsQuery.attr(DnsNameResolver.DNS_PIPELINE_ATTRIBUTE).set(true);
            // AWS's name server is link-local: TCP retries of truncated answers must still reach it.
            InetSocketAddress nameServer = new InetSocketAddress("169.254.169.253", 53);

            assertThat(dnsQuery.refusal(nameServer)).isEmpty();
            assertThat(dnsQuery.refusal(new InetSocketAddress("169.254.169.254", 80))).isPresent();
            assertThat(other.refusal(nameServer)).isPresent();
        } finally {
            dnsQuery.unsafe().closeForcibly();
            other.unsafe().closeForcibly();
        }
    }

    @Test
    void refusesUnixDomainSockets() {
        GuardedTransport transport = new GuardedTransport(DeniedNetworks.defaults());

        assertThat(transport.implementation().supportsDomainSockets()).isFalse();
        assertThatThrownBy(() -> transport.implementation().channelFactory(true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Bootstrap bootstrap(GuardedTransport transport) {
        return new Bootstrap().group(group).channelFactory(transport.implementation().channelFactory(false))
                .handler(new ChannelInboundHandlerAdapter());
    }
}
