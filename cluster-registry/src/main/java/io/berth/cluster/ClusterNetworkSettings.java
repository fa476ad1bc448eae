package io.berth.cluster;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where cluster clients may connect, under {@code berth.clusters} (beside {@link ClusterRegistrySettings}).
 *
 * @param deniedNetworks CIDR blocks (IPv4 and IPv6) or single addresses that no cluster server or proxy may be in,
 *                       nor resolve to: registration and credential rotation refuse such a kubeconfig, and every
 *                       connection to such an address is refused when it is opened. Setting the list replaces
 *                       the defaults (link-local and cloud metadata addresses), so repeat them when adding to it.
 *                       Loopback and private ranges are allowed unless listed here; production deployments may
 *                       add {@code 127.0.0.0/8} and {@code ::1/128}.
 */
@ConfigurationProperties("berth.clusters")
public record ClusterNetworkSettings(
        @DefaultValue({"169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "100.100.100.200/32"})
        List<String> deniedNetworks) {
}
