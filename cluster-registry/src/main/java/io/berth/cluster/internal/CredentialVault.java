package io.berth.cluster.internal;

import io.berth.cluster.internal.crypto.CredentialCipher;
import io.berth.cluster.internal.crypto.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Seals a cluster's kubeconfig into its row and opens it again. The cluster id is the associated
 * data, so a ciphertext copied onto another row does not decrypt.
 */
@Component
public class CredentialVault {

    private final CredentialCipher cipher;

    public CredentialVault(CredentialCipher cipher) {
        this.cipher = cipher;
    }

    public void store(ClusterEntity cluster, String apiServerUrl, String context, KubeconfigAllowances allowed,
                      String kubeconfig, Instant now) {
        SealedSecret sealed = cipher.seal(kubeconfig.getBytes(StandardCharsets.UTF_8), CredentialCipher.ownerData(cluster.getId()));
        cluster.setCredentials(apiServerUrl, context, allowed, sealed.keyId(), sealed.nonce(), sealed.ciphertext(), now);
    }

    public String open(ClusterEntity cluster) {
        return new String(cipher.open(sealedOf(cluster), CredentialCipher.ownerData(cluster.getId())), StandardCharsets.UTF_8);
    }

    /** True when the cluster's credentials were sealed with a key other than the current one. */
    public boolean needsReseal(ClusterEntity cluster) {
        return cipher.needsReseal(sealedOf(cluster));
    }

    /** The cluster's credentials sealed again under the current key (the plaintext does not change). */
    public SealedSecret reseal(ClusterEntity cluster) {
        byte[] plaintext = cipher.open(sealedOf(cluster), CredentialCipher.ownerData(cluster.getId()));
        return cipher.seal(plaintext, CredentialCipher.ownerData(cluster.getId()));
    }

    private static SealedSecret sealedOf(ClusterEntity cluster) {
        return new SealedSecret(cluster.getCredentialsKeyId(), cluster.getCredentialsNonce(), cluster.getCredentialsCiphertext());
    }
}
