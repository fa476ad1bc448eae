package io.berth.cluster.internal.kubeconfig;

import io.berth.cluster.internal.network.Cidr;
import io.berth.cluster.internal.network.DeniedNetworks;
import io.berth.cluster.internal.network.HostResolver;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for the hosts a cluster entry makes Berth connect to: the server, and the proxy when one is allowed.
 * A host must be written so that every resolver reads it the same way, and must not be, or resolve to, an
 * address in a denied network. Connections are judged again when they are opened (see
 * {@link io.berth.cluster.internal.network.GuardedTransport}); this check makes a bad kubeconfig fail at once,
 * with a problem naming the field, instead of at the first probe.
 */
final class DestinationRules {

    // Labels made only of digits, or 0x and hex digits: 2852039166, 0xA9FEA9FE, 0251.0376.0251.0376 and the
    // like are numbers to some resolvers (inet_aton, browsers) and names to others, so they are refused rather
    // than judged by a reading that might not be the one used to connect.
    private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0[xX][0-9A-Fa-f]*");

    private final DeniedNetworks denied;
    private final HostResolver resolver;

    DestinationRules(DeniedNetworks denied, HostResolver resolver) {
        this.denied = denied;
        this.resolver = resolver;
    }

    /**
     * Adds a problem when the URL's host is ambiguous or in a denied network.
     *
     * @param what the key the URL comes from, for the message ({@code server}, {@code proxy-url})
     * @return true when the host is acceptable
     */
    boolean check(URI url, String field, String what, Problems problems) {
        String host = url.getHost();
        if (host.startsWith("[") && host.contains("%")) {
            problems.add(field, what + " must not carry an IPv6 zone (%...): it names an interface of Berth's host");
            return false;
        }
        if (!host.startsWith("[") && isAmbiguousNumber(host)) {
            problems.add(field, what + " must use a DNS name, a dotted-decimal IPv4 address (four numbers from 0 to"
                    + " 255, without leading zeros) or an IPv6 address in brackets; other numeric forms are read"
                    + " differently by different resolvers");
            return false;
        }
        Optional<Cidr> network = denied.matchHost(host, resolver);
        network.ifPresent(cidr -> problems.add(field, what + " is, or resolves to, an address in the denied network "
                + cidr + ": Berth does not connect to clusters there (setting berth.clusters.denied-networks)"));
        return network.isEmpty();
    }

    /** A host whose last label is numeric, unless it is a plain dotted-decimal IPv4 address. */
    private static boolean isAmbiguousNumber(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String lastLabel = name.substring(name.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(lastLabel).matches() && !Cidr.isDottedDecimal(name);
    }
}
