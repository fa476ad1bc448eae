package io.berth.server.backups;

import io.berth.cluster.CredentialSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Completes a key rotation for backup locations, as the registry does for clusters: at start-up, keys
 * sealed under a previous encryption key are sealed again under the current one, so the previous key can
 * be dropped from the configuration afterwards.
 */
@Component
public class BackupLocationResealer {

    private static final Logger log = LoggerFactory.getLogger(BackupLocationResealer.class);

    private final BackupLocationStore store;
    private final CredentialSeal seal;

    BackupLocationResealer(BackupLocationStore store, CredentialSeal seal) {
        this.store = store;
        this.seal = seal;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        int resealed = resealAll();
        if (resealed > 0) {
            log.info("Re-sealed the keys of {} backup location(s) under the current encryption key", resealed);
        }
    }

    /** Returns how many locations were re-sealed. A location whose keys cannot be opened is left as it is. */
    public int resealAll() {
        int count = 0;
        for (BackupLocationStore.Row row : store.all()) {
            if (!seal.needsReseal(row.credentials())) {
                continue;
            }
            try {
                if (store.replaceSealed(row.id(), row.credentials().keyId(), seal.reseal(row.credentials(), row.id()))) {
                    count++;
                }
            } catch (RuntimeException e) {
                // typically the old key is not configured any more; a backup to the location will say so
                log.warn("Could not re-seal the keys of backup location {}: {}", row.location().name(), e.getClass().getSimpleName());
            }
        }
        return count;
    }
}
