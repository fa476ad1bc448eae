package io.berth.cluster;

import io.berth.cluster.internal.network.DeniedNetworks;
import io.berth.cluster.internal.network.HostResolver;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The networks Berth never connects to ({@code berth.clusters.denied-networks}: cloud metadata addresses by
 * default), for the other features that connect somewhere an admin named, such as a backup location's
 * object store.
 */
@Component
public class DeniedAddresses {

    private final DeniedNetworks denied;

    DeniedAddresses(DeniedNetworks denied) {
        this.denied = denied;
    }

    /**
     * The denied network (as CIDR text) that holds the host's address, or one its name resolves to now; empty
     * when none does or the name does not resolve.
     */
    public Optional<String> networkOf(String host) {
        return denied.matchHost(host, HostResolver.SYSTEM).map(Object::toString);
    }
}
