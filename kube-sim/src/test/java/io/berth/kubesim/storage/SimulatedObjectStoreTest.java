package io.berth.kubesim.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The simulated object store answers the AWS SDK as S3 does: objects kept, listed, and a wrong key refused. */
class SimulatedObjectStoreTest {

    private static SimulatedObjectStore store;

    @BeforeAll
    static void start() {
        store = SimulatedObjectStore.start();
        store.createBucket("backups");
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void anObjectPutThroughTheSdkIsReadBackAndListedUnderItsPrefix() {
        try (S3Client s3 = store.client()) {
            s3.putObject(b -> b.bucket("backups").key("etcd/example.backup_v42"),
                    RequestBody.fromString("snapshot of revision 42", StandardCharsets.UTF_8));
            s3.putObject(b -> b.bucket("backups").key("other/file"), RequestBody.fromString("x", StandardCharsets.UTF_8));

            assertThat(s3.getObjectAsBytes(b -> b.bucket("backups").key("etcd/example.backup_v42")).asUtf8String())
                    .isEqualTo("snapshot of revision 42");
        }
        assertThat(store.keys("backups", "etcd/")).containsExactly("etcd/example.backup_v42");
        assertThat(store.endpoint().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void aClientWithAWrongSecretIsRefused() {
        try (S3Client wrong = store.client(store.accessKey(), "not-the-secret")) {
            assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket("backups")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }
}
