package io.berth.cluster;

/**
 * New credentials for a registered cluster. {@link #toString()} leaves the kubeconfig out.
 *
 * @param allowInsecureTls accept an {@code http} server and {@code insecure-skip-tls-verify: true}
 * @param allowProxy       accept a {@code proxy-url} in the cluster entry: Berth then connects through that proxy
 */
public record CredentialRotation(String kubeconfig, String context, boolean allowInsecureTls, boolean allowProxy) {

    @Override
    public String toString() {
        return "CredentialRotation[context=" + context + ", allowInsecureTls=" + allowInsecureTls
                + ", allowProxy=" + allowProxy + "]";
    }
}
