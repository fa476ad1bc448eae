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
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
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
        // fromKubeconfig(String) starts from an empty Config: nothing is read from the environment,
        // system properties or ~/.kube of the Berth server.
        Config config = Config.fromKubeconfig(vault.open(cluster));
        config.setConnectionTimeout((int) settings.probeTimeout().toMillis());
        config.setRequestTimeout((int) settings.requestTimeout().toMillis());
        // Retries belong to Berth's own policies, not hidden inside the client.
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(httpClients).build();
    }

    private record CachedClient(int generation, KubernetesClient client) {
    }
}
