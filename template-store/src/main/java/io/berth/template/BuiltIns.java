package io.berth.template;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The built-in parameters of one render, available to every template as {@code berth.application},
 * {@code berth.namespace}, {@code berth.cluster} and {@code berth.clusterLabels.<key>}; and, only in the
 * templates of a {@link BackupHint}, {@code berth.backup.<name>} for the names in {@link #BACKUP_NAMES}.
 *
 * @param backup the backup's parameters (texts, numbers, booleans), empty outside a backup's templates
 */
public record BuiltIns(String application, String namespace, String cluster, Map<String, String> clusterLabels,
                       Map<String, Object> backup) {

    /**
     * What a backup's templates may use: {@code name} (the resource's name), {@code path}
     * ({@code <bucket>/<key>} of the object, or the prefix of a schedule's objects), {@code bucket},
     * {@code key}, {@code endpoint} (the object store's URL), {@code forcePathStyle} (boolean),
     * {@code region}, {@code secret} (the Secret with the credentials, files {@code credentials} and
     * {@code config}), {@code intervalSeconds} and {@code maxBackups} (numbers, for a schedule).
     */
    public static final Set<String> BACKUP_NAMES = Set.of("name", "path", "bucket", "key", "endpoint", "forcePathStyle",
            "region", "secret", "intervalSeconds", "maxBackups");

    public BuiltIns {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(cluster, "cluster");
        clusterLabels = clusterLabels == null
                ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(clusterLabels));
        backup = backup == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(backup));
    }

    public BuiltIns(String application, String namespace, String cluster, Map<String, String> clusterLabels) {
        this(application, namespace, cluster, clusterLabels, Map.of());
    }

    /** The same built-ins with a backup's parameters, for rendering the templates of a {@link BackupHint}. */
    public BuiltIns withBackup(Map<String, Object> parameters) {
        return new BuiltIns(application, namespace, cluster, clusterLabels, parameters);
    }
}
