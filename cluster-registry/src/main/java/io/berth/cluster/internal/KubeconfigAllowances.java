package io.berth.cluster.internal;

/**
 * What the caller explicitly allowed when supplying a kubeconfig. Checked when the kubeconfig is validated and
 * stored with the cluster, so that the client built later honours the same consent.
 *
 * @param insecureTls an {@code http} server and {@code insecure-skip-tls-verify: true}
 * @param proxy       a {@code proxy-url}: Berth then connects to the cluster through that proxy
 */
public record KubeconfigAllowances(boolean insecureTls, boolean proxy) {

    public static final KubeconfigAllowances NONE = new KubeconfigAllowances(false, false);
}
