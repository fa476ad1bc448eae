package io.berth.cluster;

/** New credentials for a registered cluster. {@link #toString()} leaves the kubeconfig out. */
public record CredentialRotation(String kubeconfig, String context, boolean allowInsecureTls) {

    @Override
    public String toString() {
        return "CredentialRotation[context=" + context + ", allowInsecureTls=" + allowInsecureTls + "]";
    }
}
