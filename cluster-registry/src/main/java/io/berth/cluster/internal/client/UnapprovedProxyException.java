package io.berth.cluster.internal.client;

/**
 * A cluster's stored kubeconfig names a {@code proxy-url}, but its credentials were not supplied with
 * {@code allowProxy} (they were stored before Berth asked for that consent). Berth neither uses the proxy nor
 * silently connects around it. The message is written by Berth and safe to show.
 */
public class UnapprovedProxyException extends IllegalStateException {

    public UnapprovedProxyException() {
        super("its kubeconfig names a proxy-url, which Berth uses only when the credentials were supplied with"
                + " allowProxy: true; supply them again with PUT /api/v1/clusters/{name}/credentials");
    }
}
