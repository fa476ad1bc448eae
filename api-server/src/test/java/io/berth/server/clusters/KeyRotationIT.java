package io.berth.server.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.cluster.internal.CredentialResealer;
import io.berth.cluster.internal.crypto.CredentialCipher;
import io.berth.cluster.internal.crypto.EncryptionKey;
import io.berth.cluster.internal.crypto.EncryptionKeyring;
import io.berth.cluster.internal.crypto.SealedSecret;
import io.berth.server.backups.BackupLocationResealer;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.FakeClusters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/**
 * A key rotation: the current key is new, the old one is configured as a previous key. Credentials
 * sealed under the old key still work and are re-sealed under the new one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berth.clusters.probe-scheduler=false",
        "berth.embedded-database.durability=unsafe-fast-for-tests",
        "berth.bootstrap-token=" + KeyRotationIT.ADMIN_TOKEN,
        "berth.encryption.key=" + KeyRotationIT.NEW_KEY,
        "berth.encryption.previous-keys=" + KeyRotationIT.OLD_KEY,
})
class KeyRotationIT {

    static final String ADMIN_TOKEN = "berth_rotation-admin-token-0123456789abcdef";
    private static final FakeClusters CLUSTERS = new FakeClusters();

    static final String OLD_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String NEW_KEY = "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=";

    @Autowired
    private CredentialResealer resealer;

    @Autowired
    private BackupLocationResealer locationResealer;

    @Autowired
    private JdbcTemplate jdbc;

    @LocalServerPort
    private int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @AfterAll
    static void stopClusters() {
        CLUSTERS.close();
    }

    /** This test runs its own application (other keys), so it needs its own embedded database directory. */
    @DynamicPropertySource
    static void ownDataDirectory(DynamicPropertyRegistry registry) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "berth-rotation-");
        registry.add("berth.data-dir", dir::toString);
    }

    @Test
    void credentialsSealedUnderThePreviousKeyStillWorkAndAreResealedUnderTheCurrentOne() {
        String name = "old-key";
        UUID id = UUID.randomUUID();
        CredentialCipher oldCipher = new CredentialCipher(new EncryptionKeyring(EncryptionKey.fromBase64(OLD_KEY), List.of()),
                new SecureRandom());
        SealedSecret sealed = oldCipher.seal(CLUSTERS.answeringKubeconfig().getBytes(StandardCharsets.UTF_8), aad(id));
        jdbc.update("""
                insert into cluster (id, name, api_server_url, context_name, credentials_key_id, credentials_nonce,
                  credentials_ciphertext, created_at, updated_at) values (?, ?, 'https://localhost', 'sim', ?, ?, ?, ?, ?)""",
                id, name, sealed.keyId(), sealed.nonce(), sealed.ciphertext(), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));

        assertThat(api.post("/api/v1/clusters/" + name + "/probe", ADMIN_TOKEN, "{}").json().get("status").asString()).isEqualTo("Ready");

        assertThat(resealer.resealAll()).isEqualTo(1);

        assertThat(jdbc.queryForObject("select credentials_key_id from cluster where id = ?", String.class, id))
                .isEqualTo(EncryptionKey.fromBase64(NEW_KEY).id());
        var row = jdbc.queryForMap("select credentials_nonce, credentials_ciphertext from cluster where id = ?", id);
        CredentialCipher newOnly = new CredentialCipher(new EncryptionKeyring(EncryptionKey.fromBase64(NEW_KEY), List.of()),
                new SecureRandom());
        byte[] opened = newOnly.open(new SealedSecret(EncryptionKey.fromBase64(NEW_KEY).id(), (byte[]) row.get("credentials_nonce"),
                (byte[]) row.get("credentials_ciphertext")), aad(id));
        assertThat(new String(opened, StandardCharsets.UTF_8)).isEqualTo(CLUSTERS.answeringKubeconfig());
        assertThat(resealer.resealAll()).as("nothing left to re-seal").isZero();
    }

    @Test
    void backupLocationKeysSealedUnderThePreviousKeyAreResealedUnderTheCurrentOne() {
        UUID id = UUID.randomUUID();
        CredentialCipher oldCipher = new CredentialCipher(new EncryptionKeyring(EncryptionKey.fromBase64(OLD_KEY), List.of()),
                new SecureRandom());
        String keys = "{\"accessKeyId\":\"old-id\",\"secretAccessKey\":\"old-secret\"}";
        SealedSecret sealed = oldCipher.seal(keys.getBytes(StandardCharsets.UTF_8), aad(id));
        jdbc.update("""
                insert into backup_location (id, name, endpoint, bucket, region, force_path_style, credentials_key_id,
                  credentials_nonce, credentials_ciphertext, created_at, updated_at)
                values (?, 'old-store', 'https://s3.example.com', 'backups', 'us-east-1', true, ?, ?, ?, ?, ?)""",
                id, sealed.keyId(), sealed.nonce(), sealed.ciphertext(), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));

        assertThat(locationResealer.resealAll()).isEqualTo(1);

        var row = jdbc.queryForMap("select credentials_key_id, credentials_nonce, credentials_ciphertext from backup_location"
                + " where id = ?", id);
        assertThat(row.get("credentials_key_id")).isEqualTo(EncryptionKey.fromBase64(NEW_KEY).id());
        CredentialCipher newOnly = new CredentialCipher(new EncryptionKeyring(EncryptionKey.fromBase64(NEW_KEY), List.of()),
                new SecureRandom());
        byte[] opened = newOnly.open(new SealedSecret(EncryptionKey.fromBase64(NEW_KEY).id(), (byte[]) row.get("credentials_nonce"),
                (byte[]) row.get("credentials_ciphertext")), aad(id));
        assertThat(new String(opened, StandardCharsets.UTF_8)).isEqualTo(keys);
        assertThat(locationResealer.resealAll()).as("nothing left to re-seal").isZero();
    }

    private static byte[] aad(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
