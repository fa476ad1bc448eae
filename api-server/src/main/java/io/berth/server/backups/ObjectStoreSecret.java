package io.berth.server.backups;

import io.berth.engine.ManifestApplier;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The Secret through which an operator reaches a backup location: the AWS shared-credentials files
 * {@code credentials} and {@code config} (profile {@code default}), as the etcd backup and restore
 * operators read them. Applied (again) by every backup, schedule and restore that needs it, so a location's
 * Secret is there wherever Berth last backed up or restored; its contents never leave the cluster call.
 */
final class ObjectStoreSecret {

    private ObjectStoreSecret() {
    }

    /** The Secret's name for a location: {@code berth-backup-<location>}. */
    static String nameFor(String location) {
        return "berth-backup-" + location;
    }

    /** Creates or updates the location's Secret in the namespace; answers its name. */
    static String deliver(KubernetesClient client, String namespace, BackupLocation location,
                          BackupLocationService.ObjectStoreKeys keys) {
        String credentials = "[default]\naws_access_key_id = " + keys.accessKeyId() + "\naws_secret_access_key = "
                + keys.secretAccessKey() + "\n";
        String config = "[default]\nregion = " + location.region() + "\n";
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName(nameFor(location.name())).withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "berth", "berth.io/backup-location", location.name()))
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of("credentials", base64(credentials), "config", base64(config)))
                .build();
        client.secrets().inNamespace(namespace).resource(secret).fieldManager(ManifestApplier.FIELD_MANAGER).forceConflicts()
                .serverSideApply();
        return secret.getMetadata().getName();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
