package io.berth.cluster.internal;

import io.berth.cluster.internal.crypto.SealedSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes a key rotation: at start-up, credentials sealed under a previous key are sealed again under
 * the current one, so that the previous key can be dropped from the configuration afterwards.
 */
@Component
public class CredentialResealer {

    private static final Logger log = LoggerFactory.getLogger(CredentialResealer.class);

    private final ClusterRepository clusters;
    private final CredentialVault vault;
    private final TransactionTemplate tx;

    public CredentialResealer(ClusterRepository clusters, CredentialVault vault, TransactionTemplate tx) {
        this.clusters = clusters;
        this.vault = vault;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        int resealed = resealAll();
        if (resealed > 0) {
            log.info("Re-sealed the credentials of {} cluster(s) under the current encryption key", resealed);
        }
    }

    /** Returns how many clusters were re-sealed. A cluster whose credentials cannot be opened is left as it is. */
    public int resealAll() {
        int count = 0;
        for (ClusterEntity cluster : clusters.findAll()) {
            if (vault.needsReseal(cluster) && reseal(cluster)) {
                count++;
            }
        }
        return count;
    }

    private boolean reseal(ClusterEntity cluster) {
        try {
            SealedSecret sealed = vault.reseal(cluster);
            Integer updated = tx.execute(status -> clusters.replaceSealedCredentials(cluster.getId(),
                    cluster.getCredentialsKeyId(), sealed.keyId(), sealed.nonce(), sealed.ciphertext()));
            return updated != null && updated == 1;
        } catch (RuntimeException e) {
            // Typically the old key is not configured any more; the cluster's probe will report it.
            log.warn("Could not re-seal the credentials of cluster {}: {}", cluster.getName(), e.getMessage());
            return false;
        }
    }
}
