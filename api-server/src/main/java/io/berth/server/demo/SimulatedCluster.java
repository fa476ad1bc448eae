package io.berth.server.demo;

/**
 * One started simulated cluster. {@link #toString()} leaves the kubeconfig out: it holds the cluster's token.
 *
 * @param url        the API server's URL (HTTPS, on a loopback port chosen at start)
 * @param kubeconfig a kubeconfig with the cluster's CA certificate and a bearer token inline
 */
public record SimulatedCluster(String name, String url, String kubeconfig) {

    @Override
    public String toString() {
        return "SimulatedCluster[name=" + name + ", url=" + url + "]";
    }
}
