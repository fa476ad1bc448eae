package io.berth.cluster.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ProbeResult;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.KubeconfigAllowances;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

/** When a background probe may take a cluster's recorded version instead of asking the server again. */
class KnownVersionsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final KnownVersions versions = new KnownVersions(Duration.ofMinutes(10), now::get);
    private final ClusterEntity cluster = recorded(ClusterStatus.Ready, "v1.31.4");
    private final ProbeResult read = new ProbeResult(ClusterStatus.Ready, "ok", "v1.31.4", 3, Instant.now());
    private final ProbeResult notRead = new ProbeResult(ClusterStatus.Ready, "ok", null, 3, Instant.now());

    @Test
    void theRecordedVersionStandsUntilTheRefreshIsDue() {
        assertThat(versions.reusable(cluster)).as("never asked by this replica").isEmpty();

        versions.probed(cluster, read, true);
        now.addAndGet(Duration.ofMinutes(10).toNanos() - 1);
        assertThat(versions.reusable(cluster)).contains("v1.31.4");

        now.addAndGet(1);
        assertThat(versions.reusable(cluster)).isEmpty();
    }

    @Test
    void itIsTheRecordedVersionThatStandsWhateverThisReplicaRead() {
        versions.probed(cluster, read, true);
        ReflectionTestUtils.setField(cluster, "serverVersion", "v1.32.0");

        assertThat(versions.reusable(cluster)).contains("v1.32.0");
    }

    @Test
    void aProbeThatDidNotAskDoesNotPutTheRefreshOff() {
        versions.probed(cluster, read, true);
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        versions.probed(cluster, notRead, false);
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(versions.reusable(cluster)).isEmpty();
    }

    @Test
    void aClusterThatDidNotAnswerIsAskedAgain() {
        versions.probed(cluster, read, true);
        versions.probed(cluster, new ProbeResult(ClusterStatus.Unreachable, "refused", null, null, Instant.now()), false);

        assertThat(versions.reusable(cluster)).isEmpty();
    }

    @Test
    void aClusterNotRecordedReadyOrWithoutAVersionIsAsked() {
        versions.probed(cluster, read, true);

        assertThat(versions.reusable(recordedLike(cluster, ClusterStatus.Unreachable, "v1.31.4"))).isEmpty();
        assertThat(versions.reusable(recordedLike(cluster, ClusterStatus.Ready, null))).isEmpty();
    }

    @Test
    void newCredentialsMayNameAnotherServerSoItIsAskedAgain() {
        versions.probed(cluster, read, true);
        cluster.setCredentials("https://elsewhere:6443", "ctx", new KubeconfigAllowances(false, false), "key", new byte[12],
                new byte[16], Instant.now());

        assertThat(versions.reusable(cluster)).isEmpty();
    }

    @Test
    void aDeletedClusterIsForgotten() {
        versions.probed(cluster, read, true);
        versions.forget(cluster.getId());

        assertThat(versions.reusable(cluster)).isEmpty();
    }

    /** A cluster as a round reads it from the database: these columns are written by probes only. */
    private static ClusterEntity recorded(ClusterStatus status, String version) {
        ClusterEntity entity = new ClusterEntity("prod-eu-1", "test", Instant.now());
        ReflectionTestUtils.setField(entity, "status", status);
        ReflectionTestUtils.setField(entity, "serverVersion", version);
        return entity;
    }

    private static ClusterEntity recordedLike(ClusterEntity same, ClusterStatus status, String version) {
        ClusterEntity entity = recorded(status, version);
        ReflectionTestUtils.setField(entity, "id", same.getId());
        return entity;
    }
}
