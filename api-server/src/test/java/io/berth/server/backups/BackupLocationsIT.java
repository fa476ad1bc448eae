package io.berth.server.backups;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.ApiTestBase;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Backup locations: registered by cluster admins, keys sealed and never shown, checked in full, changed and deleted. */
class BackupLocationsIT extends ApiTestBase {

    private static final String LOCATIONS = "/api/v1/backup-locations";
    private static final String SECRET = "s3cr3t-Backup-Key-0123456789";

    @Test
    void aLocationIsRegisteredWithItsKeysSealedAndNeverShown() {
        String name = unique("minio");
        Api.Reply created = api.post(LOCATIONS, ADMIN_TOKEN, location(name, SECRET));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(LOCATIONS + "/" + name);
        assertThat(created.json().get("endpoint").asString()).isEqualTo("https://minio.example.com:9000");
        assertThat(created.json().get("region").asString()).isEqualTo("us-east-1");
        assertThat(created.json().get("forcePathStyle").asBoolean()).isTrue();
        assertThat(created.json().has("accessKeyId")).isFalse();
        assertThat(created.body()).doesNotContain(SECRET).doesNotContain("berth-backups-key");
        assertThat(api.get(LOCATIONS + "/" + name, ADMIN_TOKEN).body()).doesNotContain(SECRET);
        assertThat(api.get(LOCATIONS, ADMIN_TOKEN).body()).doesNotContain(SECRET);
        byte[] sealed = jdbc.queryForObject("select credentials_ciphertext from backup_location where name = ?", byte[].class, name);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(auditActions()).contains("CreateBackupLocation");

        assertProblem(api.post(LOCATIONS, ADMIN_TOKEN, location(name, SECRET)), 409, "already-exists");
    }

    @Test
    void everyInvalidFieldIsNamedAtOnceAndNothingIsWritten() {
        String name = unique("bad");
        Map<String, Object> body = location(name, "has a space");
        body.put("endpoint", "ftp://user@store.example.com/path");
        body.put("bucket", "No_Such");
        body.put("prefix", "/leading/../up");
        body.put("accessKeyId", "key\n[default]");

        Api.Reply refused = api.post(LOCATIONS, ADMIN_TOKEN, body);

        assertProblem(refused, 422, "validation-failed");
        List<String> fields = refused.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).containsExactlyInAnyOrder("endpoint", "bucket", "prefix", "accessKeyId", "secretAccessKey");
        assertThat(refused.body()).doesNotContain("has a space");
        assertThat(api.get(LOCATIONS + "/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void anEndpointInADeniedNetworkIsRefused() {
        Map<String, Object> body = location(unique("metadata"), SECRET);
        body.put("endpoint", "http://169.254.169.254");

        Api.Reply refused = api.post(LOCATIONS, ADMIN_TOKEN, body);

        assertProblem(refused, 422, "validation-failed");
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("169.254.0.0/16");
    }

    @Test
    void onlyClusterAndPlatformAdminsRegisterChangeAndDelete() {
        String viewer = tokenWithRole("viewer");
        String operator = tokenWithRole("operator");
        String name = unique("store");
        assertProblem(api.post(LOCATIONS, operator, location(name, SECRET)), 403, "forbidden");
        assertThat(api.post(LOCATIONS, ADMIN_TOKEN, location(name, SECRET)).status()).isEqualTo(201);
        assertThat(api.get(LOCATIONS + "/" + name, viewer).status()).isEqualTo(200);
        assertProblem(api.patch(LOCATIONS + "/" + name, operator, Map.of("region", "eu-west-1")), 403, "forbidden");
        assertProblem(api.delete(LOCATIONS + "/" + name, viewer), 403, "forbidden");
    }

    @Test
    void keysAreRotatedTogetherAndAStaleVersionIsRefused() {
        String name = unique("rotate");
        assertThat(api.post(LOCATIONS, ADMIN_TOKEN, location(name, SECRET)).status()).isEqualTo(201);
        byte[] before = jdbc.queryForObject("select credentials_ciphertext from backup_location where name = ?", byte[].class, name);

        assertProblem(api.patch(LOCATIONS + "/" + name, ADMIN_TOKEN, Map.of("accessKeyId", "only-one")), 422, "validation-failed");
        Api.Reply rotated = api.patch(LOCATIONS + "/" + name, ADMIN_TOKEN,
                Map.of("accessKeyId", "second-key", "secretAccessKey", "second-secret-0123"), "If-Match", "\"0\"");

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.header("ETag")).isEqualTo("\"1\"");
        assertThat(rotated.body()).doesNotContain("second-secret-0123");
        byte[] after = jdbc.queryForObject("select credentials_ciphertext from backup_location where name = ?", byte[].class, name);
        assertThat(after).isNotEqualTo(before);
        assertProblem(api.patch(LOCATIONS + "/" + name, ADMIN_TOKEN, Map.of("region", "eu-west-1"), "If-Match", "\"0\""),
                412, "precondition-failed");
        JsonNode changed = api.patch(LOCATIONS + "/" + name, ADMIN_TOKEN, Map.of("region", "eu-west-1")).json();
        assertThat(changed.get("region").asString()).isEqualTo("eu-west-1");
        assertThat(changed.get("bucket").asString()).isEqualTo("etcd-backups");

        assertThat(api.delete(LOCATIONS + "/" + name, ADMIN_TOKEN).status()).isEqualTo(204);
        assertThat(api.get(LOCATIONS + "/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(auditActions()).contains("UpdateBackupLocation", "DeleteBackupLocation");
    }

    private List<String> auditActions() {
        return api.get("/api/v1/audit?limit=500", ADMIN_TOKEN).json().get("items").valueStream()
                .map(r -> r.get("action").asString()).toList();
    }

    private static Map<String, Object> location(String name, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("endpoint", "https://minio.example.com:9000");
        body.put("bucket", "etcd-backups");
        body.put("prefix", "berth/prod");
        body.put("forcePathStyle", true);
        body.put("accessKeyId", "berth-backups-key");
        body.put("secretAccessKey", secret);
        return body;
    }
}
