package io.berth.cluster.internal.kubeconfig;

/**
 * A kubeconfig that passed {@link KubeconfigValidator}, reduced to the one context Berth will use.
 *
 * @param contextName       the selected context
 * @param clusterName       the cluster entry the context refers to
 * @param userName          the user entry the context refers to
 * @param serverUrl         the cluster's API server URL
 * @param namespace         the context's namespace, or {@code null} when the context sets none
 * @param minimalKubeconfig a YAML kubeconfig holding only the selected context, cluster and user; it carries
 *                          credentials, so it is left out of {@link #toString()}
 */
public record ValidatedKubeconfig(
        String contextName,
        String clusterName,
        String userName,
        String serverUrl,
        String namespace,
        String minimalKubeconfig) {

    /** Leaves out {@code minimalKubeconfig}: it holds tokens and keys, and toString ends up in logs. */
    @Override
    public String toString() {
        return "ValidatedKubeconfig[contextName=" + contextName
                + ", clusterName=" + clusterName
                + ", userName=" + userName
                + ", serverUrl=" + serverUrl
                + ", namespace=" + namespace
                + ", minimalKubeconfig=(omitted)]";
    }
}
