package io.berth.cluster.internal.client;

import io.berth.cluster.ClusterRegistrySettings;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.CredentialVault;
import io.berth.cluster.internal.network.DeniedNetworks;
import io.berth.cluster.internal.network.GuardedTransport;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One fabric8 client per registered cluster, built on first use from the decrypted kubeconfig.
 * A client is replaced when the cluster's credentials change (its generation moves on) and closed
 * when the cluster is deleted or Berth stops.
 */
@Component
public class ClusterClients implements DisposableBean {

    private final ConcurrentMap<UUID, CachedClient> clients = new ConcurrentHashMap<>();
    // One Vert.x (event loops and threads) for all clients: by default every fabric8 client starts its
    // own, which would cost threads per registered cluster. Its transport refuses every connection to a
    // denied network, whatever the client, request or proxy.
    private final Vertx vertx;
    private final HttpClient.Factory httpClients;
    private final CredentialVault vault;
    private final ClusterRegistrySettings settings;

    public ClusterClients(CredentialVault vault, ClusterRegistrySettings settings, DeniedNetworks deniedNetworks) {
        this.vault = vault;
        this.settings = settings;
        this.vertx = Vertx.builder().withTransport(new GuardedTransport(deniedNetworks)).build();
        this.httpClients = new Vertx5HttpClientFactory(vertx);
    }

    public KubernetesClient forCluster(ClusterEntity cluster) {
        return clients.compute(cluster.getId(), (id, cached) -> {
            if (cached != null && cached.generation() == cluster.getCredentialsGeneration()) {
                return cached;
            }
            if (cached != null) {
                cached.client().close();
            }
            return new CachedClient(cluster.getCredentialsGeneration(), build(cluster));
        }).client();
    }

    /** The client already built for this cluster, when it was built from this generation of its credentials. */
    public Optional<KubernetesClient> cached(UUID clusterId, int generation) {
        CachedClient cached = clients.get(clusterId);
        return cached != null && cached.generation() == generation ? Optional.of(cached.client()) : Optional.empty();
    }

    /** Closes and forgets the cluster's client, if there is one. */
    public void evict(UUID clusterId) {
        CachedClient cached = clients.remove(clusterId);
        if (cached != null) {
            cached.client().close();
        }
    }

    /** Number of clients currently open. */
    public int size() {
        return clients.size();
    }

    @Override
    public void destroy() {
        clients.keySet().forEach(this::evict);
        vertx.close();
    }

    private KubernetesClient build(ClusterEntity cluster) {
        String kubeconfig = vault.open(cluster);
        // fromKubeconfig(String) starts from an empty Config: nothing is read from the environment,
        // system properties or ~/.kube of the Berth server.
        Config config = Config.fromKubeconfig(kubeconfig);
        useOnlyAnAllowedProxy(config, kubeconfig, cluster);
        config.setConnectionTimeout((int) settings.probeTimeout().toMillis());
        config.setRequestTimeout((int) settings.requestTimeout().toMillis());
        // Retries belong to Berth's own policies, not hidden inside the client.
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(httpClients).build();
    }

    /**
     * A cluster is reached through the {@code proxy-url} of its kubeconfig when its credentials were supplied
     * with {@code allowProxy}, for every request whatever the scheme, as kubectl does; else directly. A stored
     * {@code proxy-url} without that consent (credentials stored before Berth asked for it) is refused rather than
     * used or silently skipped. Never through a proxy from Berth's environment or system properties
     * ({@code HTTPS_PROXY}, {@code NO_PROXY}, {@code https.proxy}, ...): those say how Berth's host reaches the
     * outside, not how to reach the clusters it manages, and would send their credentials to a host nobody chose
     * for them. Set explicitly, so that it holds whatever a fabric8 version reads on its own; fabric8 alone would
     * also drop an {@code http://} proxy for an {@code https} server.
     */
    private static void useOnlyAnAllowedProxy(Config config, String kubeconfig, ClusterEntity cluster) {
        String proxy = proxyUrl(config, kubeconfig);
        if (proxy != null && !cluster.isAllowProxy()) {
            throw new UnapprovedProxyException();
        }
        config.setHttpProxy(proxy);
        config.setHttpsProxy(proxy);
        config.setNoProxy(null);
        // Credentials for the proxy come from its URL's user info, never from Berth's environment.
        config.setProxyUsername(null);
        config.setProxyPassword(null);
    }

    private static String proxyUrl(Config config, String kubeconfig) {
        if (config.getCurrentContext() == null || config.getCurrentContext().getContext() == null) {
            return null;
        }
        String clusterName = config.getCurrentContext().getContext().getCluster();
        return KubeConfigUtils.parseConfigFromString(kubeconfig).getClusters().stream()
                .filter(named -> Objects.equals(named.getName(), clusterName) && named.getCluster() != null)
                .map(named -> named.getCluster().getProxyUrl())
                .filter(url -> url != null && !url.isEmpty())
                .findFirst().orElse(null);
    }

    private record CachedClient(int generation, KubernetesClient client) {
    }
}
