package io.berth.cluster.internal.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeniedNetworksTest {

    private static final HostResolver NO_DNS = host -> {
        throw new UnknownHostException(host);
    };

    private final DeniedNetworks defaults = DeniedNetworks.defaults();
    private final DeniedNetworks loopback = DeniedNetworks.of(List.of("127.0.0.0/8", "::1/128"));

    @ParameterizedTest
    @CsvSource({
            "169.254.169.254, 169.254.0.0/16",
            "169.254.0.1, 169.254.0.0/16",
            "169.254.255.255, 169.254.0.0/16",
            "fe80::1, fe80:0:0:0:0:0:0:0/10",
            "febf:ffff::1, fe80:0:0:0:0:0:0:0/10",
            "fd00:ec2::254, fd00:ec2:0:0:0:0:0:254/128",
            "100.100.100.200, 100.100.100.200/32"})
    void deniesLinkLocalAndCloudMetadataAddressesByDefault(String address, String network) {
        assertThat(defaults.match(address(address))).map(Cidr::toString).contains(network);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "fd12:3456::1",
            "100.100.100.201", "fd00:ec2::253", "169.253.255.255", "169.255.0.0", "fec0::1", "8.8.8.8"})
    void allowsLoopbackPrivateAndPublicAddressesByDefault(String address) {
        assertThat(defaults.match(address(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:169.254.169.254", "::169.254.169.254", "64:ff9b::a9fe:a9fe", "64:ff9b::169.254.169.254"})
    void judgesAnIpv6AddressByTheIpv4AddressItEmbeds(String address) {
        assertThat(defaults.match(address(address))).map(Cidr::toString).contains("169.254.0.0/16");
    }

    @Test
    void judgesAnIpv4MappedAddressEvenWhenItIsKeptInIpv6Form() throws UnknownHostException {
        // Java turns ::ffff:a.b.c.d into an IPv4 address on parsing, but Netty and others can hold the IPv6 form.
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169,
                (byte) 254};
        Inet6Address ipv6Form = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(defaults.match(ipv6Form)).map(Cidr::toString).contains("169.254.0.0/16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "::ffff:0.0.0.0", "127.0.0.1", "127.255.0.9", "::1", "::ffff:127.0.0.1"})
    void treatsTheUnspecifiedAddressAsLoopbackSinceConnectingToItReachesTheLocalHost(String address) {
        assertThat(loopback.match(address(address))).isPresent();
    }

    @Test
    void anIpv4LoopbackBlockAloneAlsoCoversTheIpv6UnspecifiedAddress() {
        DeniedNetworks ipv4Only = DeniedNetworks.of(List.of("127.0.0.0/8"));

        assertThat(ipv4Only.match(address("::"))).map(Cidr::toString).contains("127.0.0.0/8");
    }

    @Test
    void matchesHostsByNameByLiteralWithOrWithoutBracketsAndWithATrailingDot() {
        assertThat(loopback.matchHost("localhost", HostResolver.SYSTEM)).isPresent();
        assertThat(loopback.matchHost("localhost.", HostResolver.SYSTEM)).isPresent();
        assertThat(loopback.matchHost("[::1]", NO_DNS)).isPresent();
        assertThat(loopback.matchHost("::1", NO_DNS)).isPresent();
        assertThat(defaults.matchHost("169.254.169.254", NO_DNS)).isPresent();
    }

    @Test
    void deniesAHostWhenAnyOfItsAddressesIsDenied() {
        HostResolver twoAddresses = host -> List.of(address("203.0.113.7"), address("169.254.169.254"));

        assertThat(defaults.matchHost("dual.example.com", twoAddresses)).map(Cidr::toString).contains("169.254.0.0/16");
    }

    @Test
    void leavesAHostThatDoesNotResolveToTheCheckWhenConnecting() {
        assertThat(defaults.matchHost("not-in-dns.example.com", NO_DNS)).isEmpty();
    }

    @Test
    void literalsAreNeverLookedUp() {
        HostResolver failing = host -> {
            throw new AssertionError("looked up " + host);
        };

        assertThat(defaults.matchHost("[fe80::1]", failing)).isPresent();
        assertThat(defaults.matchHost("10.0.0.1", failing)).isEmpty();
    }

    @Test
    void anEmptyListDeniesNothingAndBlankEntriesAreIgnored() {
        DeniedNetworks none = DeniedNetworks.of(List.of("", "  "));

        assertThat(none.networks()).isEmpty();
        assertThat(none.match(address("169.254.169.254"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0/8",
            "' 192.168.0.0/16 ', 192.168.0.0/16",
            "169.254.169.254, 169.254.169.254/32",
            "fd00:ec2::254, fd00:ec2:0:0:0:0:0:254/128",
            "::/0, 0:0:0:0:0:0:0:0/0",
            "0.0.0.0/0, 0.0.0.0/0",
            "::ffff:169.254.0.0/112, 169.254.0.0/16"})
    void parsesCidrBlocksAndSingleAddresses(String text, String parsed) {
        assertThat(Cidr.parse(text)).hasToString(parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/33|prefix length must be at most 32",
            "fe80::/129|prefix length must be at most 128",
            "10.0.0.1/8|host bits set; did you mean 10.0.0.0/8?",
            "2852039166|must be dotted-decimal",
            "0xA9FEA9FE|must be dotted-decimal",
            "010.0.0.1|must be dotted-decimal",
            "metadata.google.internal|must be dotted-decimal",
            "10.0.0.0/x|prefix length must be a number",
            "10.0.0.0/-1|prefix length must be a number",
            "fe80::1%eth0|must be dotted-decimal",
            "fe80:::zz|must be dotted-decimal",
            "::ffff:169.254.0.0/64|at least 96"})
    void refusesWhatIsNotACidrBlockNamingTheEntry(String text, String why) {
        assertThatThrownBy(() -> DeniedNetworks.of(List.of("169.254.0.0/16", text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining(why);
    }

    @Test
    void cidrContainsOnlyAddressesOfItsOwnFamily() {
        Cidr everythingIpv4 = Cidr.parse("0.0.0.0/0");

        assertThat(everythingIpv4.contains(address("203.0.113.1"))).isTrue();
        assertThat(everythingIpv4.contains(address("2001:db8::1"))).isFalse();
    }

    @Test
    void cidrComparesPartialBytes() {
        Cidr ten = Cidr.parse("fe80::/10");

        assertThat(ten.contains(address("febf::1"))).isTrue();
        assertThat(ten.contains(address("fec0::1"))).isFalse();
        assertThat(ten.contains(address("fe7f::1"))).isFalse();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
