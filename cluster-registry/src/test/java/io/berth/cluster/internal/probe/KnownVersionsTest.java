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

/** When a background probe may take a cluster's version as known instead of asking the server again. */
class KnownVersionsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final KnownVersions versions = new KnownVersions(Duration.ofMinutes(10), now::get);
    private final ClusterEntity cluster = new ClusterEntity("prod-eu-1", "test", Instant.now());
    private final ProbeResult ready = new ProbeResult(ClusterStatus.Ready, "ok", "v1.31.4", 3, Instant.now());

    @Test
    void aVersionReadIsKnownUntilTheRefreshIsDue() {
        assertThat(versions.of(cluster)).isEmpty();

        versions.probed(cluster, ready, true);
        now.addAndGet(Duration.ofMinutes(10).toNanos() - 1);
        assertThat(versions.of(cluster)).contains("v1.31.4");

        now.addAndGet(1);
        assertThat(versions.of(cluster)).isEmpty();
    }

    @Test
    void aProbeThatReusedTheVersionDoesNotPutTheRefreshOff() {
        versions.probed(cluster, ready, true);
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        versions.probed(cluster, ready, false);
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(versions.of(cluster)).isEmpty();
    }

    @Test
    void aClusterThatDidNotAnswerIsAskedAgain() {
        versions.probed(cluster, ready, true);
        versions.probed(cluster, new ProbeResult(ClusterStatus.Unreachable, "refused", null, null, Instant.now()), true);

        assertThat(versions.of(cluster)).isEmpty();
    }

    @Test
    void newCredentialsMayNameAnotherServerSoItIsAskedAgain() {
        versions.probed(cluster, ready, true);
        cluster.setCredentials("https://elsewhere:6443", "ctx", new KubeconfigAllowances(false, false), "key", new byte[12],
                new byte[16], Instant.now());

        assertThat(versions.of(cluster)).isEmpty();
    }

    @Test
    void aDeletedClusterIsForgotten() {
        versions.probed(cluster, ready, true);
        versions.forget(cluster.getId());

        assertThat(versions.of(cluster)).isEmpty();
    }
}
