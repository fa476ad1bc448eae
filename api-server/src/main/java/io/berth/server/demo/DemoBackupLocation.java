package io.berth.server.demo;

import io.berth.server.backups.BackupLocationService;
import io.berth.server.backups.BackupLocationService.LocationChanges;
import io.berth.server.backups.BackupLocationService.NewBackupLocation;
import io.berth.server.domain.NotFoundException;

/**
 * The demo's object store as the backup location {@code demo-s3}. Like the clusters, the store is new at every
 * start (new port, new keys, no objects): a location registered by an earlier start gets the new endpoint and
 * keys, so backups recorded then keep their location but their objects are gone.
 */
final class DemoBackupLocation {

    static final String NAME = "demo-s3";
    static final String BUCKET = "berth-backups";

    private final BackupLocationService locations;

    DemoBackupLocation(BackupLocationService locations) {
        this.locations = locations;
    }

    void registerOrUpdate(SimulatedObjectStore store) {
        try {
            locations.get(NAME);
            locations.update(NAME, new LocationChanges(null, store.endpoint(), null, true, store.accessKey(), store.secretKey()),
                    null, DemoClusters.CREATED_BY);
        } catch (NotFoundException absent) {
            locations.create(new NewBackupLocation(NAME, "The demo's simulated object store (objects kept in memory)",
                    store.endpoint(), BUCKET, "", null, true, store.accessKey(), store.secretKey()), DemoClusters.CREATED_BY);
        }
    }
}
