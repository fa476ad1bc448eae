package io.berth.server.backups;

import io.berth.server.applications.Target;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Where Berth has operators write: {@code [<prefix>/]<application>/<cluster>/<namespace>/<kind>-<name>} per
 * workload, then the backup's id for a one-shot backup, or {@code scheduled} and what the operator adds for a
 * schedule's. Distinct per target and workload, so two applications or targets never prune each other's objects.
 */
final class ObjectKeys {

    private ObjectKeys() {
    }

    static String prefix(BackupLocation location, String application, Target target, BackupDeclarations.Declared workload) {
        String own = application + "/" + target.cluster() + "/" + target.namespace() + "/"
                + workload.kind().toLowerCase(Locale.ROOT) + "-" + workload.name();
        return location.prefix().isEmpty() ? own : location.prefix() + "/" + own;
    }

    /** The name of a workload's periodic backup resource on a target. */
    static String scheduleName(String application, BackupDeclarations.Declared workload) {
        return application + "-schedule-" + UUID.nameUUIDFromBytes(workload.workload().getBytes(StandardCharsets.UTF_8))
                .toString().substring(0, 8);
    }
}
