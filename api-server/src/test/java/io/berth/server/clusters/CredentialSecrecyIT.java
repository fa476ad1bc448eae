package io.berth.server.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.cluster.internal.crypto.CredentialCipher;
import io.berth.cluster.internal.crypto.EncryptionKeyLoader;
import io.berth.cluster.internal.crypto.SealedSecret;
import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import io.berth.server.testsupport.FakeClusters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The kubeconfig is stored sealed and never comes back out: not in responses, not in logs. */
@ExtendWith(OutputCaptureExtension.class)
class CredentialSecrecyIT extends ApiTestBase {

    private static final String SECRET_TOKEN = "very-secret-token-4b1d2c3e5f67890a";

    @Value("${berth.data-dir}")
    private Path dataDir;

    @Test
    void databaseColumnHoldsOnlyCiphertextThatTheKeyOpens() throws Exception {
        String name = unique("sealed");
        register(name, CLUSTERS.answeringKubeconfig(SECRET_TOKEN));

        Map<String, Object> row = jdbc.queryForMap(
                "select id, credentials_key_id, credentials_nonce, credentials_ciphertext from cluster where name = ?", name);
        byte[] ciphertext = (byte[]) row.get("credentials_ciphertext");
        String asText = new String(ciphertext, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain(SECRET_TOKEN).doesNotContain("apiVersion").doesNotContain("localhost")
                .doesNotContain("certificate-authority-data");
        assertThat((byte[]) row.get("credentials_nonce")).hasSize(12);
        assertThat((String) row.get("credentials_key_id")).matches("k[0-9a-f]{12}");

        // The embedded default generated the key into the data directory, readable by its owner only.
        Path keyFile = dataDir.resolve("encryption.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        CredentialCipher cipher = new CredentialCipher(
                EncryptionKeyLoader.load(null, keyFile, null, false, List.of()), new SecureRandom());
        UUID id = (UUID) row.get("id");
        byte[] aad = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
        String opened = new String(cipher.open(new SealedSecret((String) row.get("credentials_key_id"),
                (byte[]) row.get("credentials_nonce"), ciphertext), aad), StandardCharsets.UTF_8);
        assertThat(opened).contains(SECRET_TOKEN);
    }

    @Test
    void noResponseOrLogLineCarriesTheKubeconfig(CapturedOutput output) {
        String name = unique("quiet");
        String kubeconfig = CLUSTERS.answeringKubeconfig(SECRET_TOKEN);
        String caData = kubeconfig.lines().filter(l -> l.contains("certificate-authority-data"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();

        List<Reply> replies = List.of(
                api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", name, "kubeconfig", kubeconfig)),
                api.get("/api/v1/clusters/" + name, ADMIN_TOKEN),
                api.get("/api/v1/clusters?limit=500", ADMIN_TOKEN),
                api.post("/api/v1/clusters/" + name + "/probe", ADMIN_TOKEN, "{}"),
                api.put("/api/v1/clusters/" + name + "/credentials", ADMIN_TOKEN, Map.of("kubeconfig", kubeconfig)),
                api.put("/api/v1/clusters/" + name + "/credentials", ADMIN_TOKEN,
                        Map.of("kubeconfig", kubeconfig.replace("https://", "http://"))),
                api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", unique("bad"),
                        "kubeconfig", kubeconfig.replace("    token: ", "    exec: {command: sh}\n    token: "))),
                api.put("/api/v1/clusters/" + name + "/credentials", ADMIN_TOKEN, Map.of("kubeconfig", CLUSTERS.downKubeconfig())),
                api.get("/api/v1/clusters/" + name + "/namespaces", ADMIN_TOKEN),
                api.get("/api/v1/clusters/" + name + "/events", ADMIN_TOKEN));

        assertThat(replies).extracting(Reply::status).containsExactly(201, 200, 200, 200, 200, 422, 422, 200, 504, 200);
        for (Reply reply : replies) {
            assertThat(reply.body()).doesNotContain(SECRET_TOKEN).doesNotContain(caData).doesNotContain(FakeClusters.TOKEN);
        }
        assertThat(output.getAll()).doesNotContain(SECRET_TOKEN).doesNotContain(caData);
    }
}
