package io.berth.cluster.internal.network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The networks Berth never connects a cluster client to (setting {@code berth.clusters.denied-networks}).
 *
 * <p>One judge for one question: the kubeconfig validator asks it about the addresses a server or proxy host
 * resolves to at registration, and {@link GuardedTransport} asks it again about the address of every connection
 * a cluster client opens, since DNS answers can change after registration.
 *
 * <p>An address is also judged by the IPv4 address it embeds (IPv4-mapped {@code ::ffff:a.b.c.d},
 * IPv4-compatible {@code ::a.b.c.d} and NAT64 {@code 64:ff9b::/96}), and an unspecified address
 * ({@code 0.0.0.0}, {@code ::}), which reaches the local host, as loopback: none of these spellings slips past
 * a block written in the other form.
 *
 * <p>Immutable and thread-safe.
 */
public final class DeniedNetworks {

    /**
     * Denied unless configured otherwise: link-local networks, where clouds serve instance metadata and
     * credentials (AWS, GCP and Azure at 169.254.169.254, which {@code metadata.google.internal} resolves to),
     * AWS's IPv6 metadata address and Alibaba Cloud's metadata address. Loopback and private ranges stay
     * allowed: simulated clusters run on localhost and real ones live in private networks.
     */
    public static final List<String> DEFAULTS = List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128",
            "100.100.100.200/32");

    private static final byte[] NAT64_PREFIX = {0x00, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    private static final byte[] IPV4_COMPATIBLE_PREFIX = new byte[12];

    private final List<Cidr> networks;

    private DeniedNetworks(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    /**
     * @param cidrs CIDR blocks or single addresses; blank entries are ignored
     * @throws IllegalArgumentException naming the first entry that is not a CIDR block
     */
    public static DeniedNetworks of(List<String> cidrs) {
        List<Cidr> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            if (cidr != null && !cidr.isBlank()) {
                parsed.add(Cidr.parse(cidr));
            }
        }
        return new DeniedNetworks(parsed);
    }

    public static DeniedNetworks defaults() {
        return of(DEFAULTS);
    }

    public List<Cidr> networks() {
        return networks;
    }

    /** The first denied network that holds the address, or one of the addresses it stands for. */
    public Optional<Cidr> match(InetAddress address) {
        for (InetAddress candidate : meanings(address)) {
            for (Cidr network : networks) {
                if (network.contains(candidate)) {
                    return Optional.of(network);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first denied network that holds the host's address or one of the addresses its name resolves to.
     * Empty when none does, and when the name cannot be resolved now: connections are judged again, on the
     * address actually used, when they are opened.
     *
     * @param host a URL's host: a name, a dotted-decimal IPv4 address or an IPv6 address (brackets optional)
     */
    public Optional<Cidr> matchHost(String host, HostResolver resolver) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // "name." is the same name as "name" to DNS.
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        List<InetAddress> addresses;
        try {
            addresses = isLiteral(bare) ? List.of(InetAddress.getByName(bare)) : resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<Cidr> denied = match(address);
            if (denied.isPresent()) {
                return denied;
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return networks.toString();
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || Cidr.isDottedDecimal(host);
    }

    /** The address itself and every address it also reaches. */
    private static List<InetAddress> meanings(InetAddress address) {
        List<InetAddress> meanings = new ArrayList<>(List.of(address));
        if (address.isAnyLocalAddress()) {
            meanings.add(fromBytes(new byte[] {127, 0, 0, 1}));
            meanings.add(fromBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            byte[] prefix = Arrays.copyOf(bytes, 12);
            boolean embedsIpv4 = Arrays.equals(prefix, IPV4_MAPPED_PREFIX) || Arrays.equals(prefix, NAT64_PREFIX)
                    // ::a.b.c.d, but not :: and ::1, which are IPv6's own
                    || (Arrays.equals(prefix, IPV4_COMPATIBLE_PREFIX) && (bytes[12] | bytes[13] | bytes[14]) != 0);
            if (embedsIpv4) {
                InetAddress ipv4 = fromBytes(Arrays.copyOfRange(bytes, 12, 16));
                meanings.add(ipv4);
                if (ipv4.isAnyLocalAddress()) {
                    meanings.addAll(meanings(ipv4));
                }
            }
        }
        return meanings;
    }

    private static InetAddress fromBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
