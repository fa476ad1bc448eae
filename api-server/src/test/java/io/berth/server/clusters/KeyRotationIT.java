package io.berth.server.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.cluster.internal.CredentialResealer;
import io.berth.cluster.internal.crypto.CredentialCipher;
import io.berth.cluster.internal.crypto.EncryptionKey;
import io.berth.cluster.internal.crypto.EncryptionKeyring;
import io.berth.cluster.internal.crypto.SealedSecret;
import io.berth.server.testsupport.ApiTestBase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A key rotation: the current key is new, the old one is configured as a previous key. Credentials
 * sealed under the old key still work and are re-sealed under the new one.
 */
@TestPropertySource(properties = {
        "berth.encryption.key=" + KeyRotationIT.NEW_KEY,
        "berth.encryption.previous-keys=" + KeyRotationIT.OLD_KEY,
})
class KeyRotationIT extends ApiTestBase {

    static final String OLD_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String NEW_KEY = "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=";

    @Autowired
    private CredentialResealer resealer;

    @Test
    void credentialsSealedUnderThePreviousKeyStillWorkAndAreResealedUnderTheCurrentOne() {
        String name = unique("old-key");
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

    private static byte[] aad(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
