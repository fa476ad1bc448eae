package io.berth.cluster.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.berth.cluster.ClusterRegistrySettings;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ProbeListener;
import io.berth.cluster.ProbeResult;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.client.ClusterClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Listeners hear of each recorded probe, with how long it took; not of one whose cluster was deleted meanwhile.
 * Routine probes do not ask a cluster that answered for its version again.
 */
class ProbeServiceTest {

    private final ClusterClients clients = mock(ClusterClients.class);
    private final ClusterProbe probe = mock(ClusterProbe.class);
    private final ProbeRecorder recorder = mock(ProbeRecorder.class);
    private final ClusterEntity cluster = new ClusterEntity("prod-eu-1", "test", Instant.now());
    private final ProbeResult ready = new ProbeResult(ClusterStatus.Ready, "ok", "v1.31.4", 3, Instant.now());
    private final KubernetesClient client = mock(KubernetesClient.class);
    private final List<String> heard = new ArrayList<>();
    private final List<Duration> durations = new ArrayList<>();

    @Test
    void aRecordedProbeIsToldToEveryListenerWithItsDuration() {
        when(clients.forCluster(cluster)).thenReturn(mock(KubernetesClient.class));
        when(probe.probe(any(), any(), any())).thenAnswer(call -> {
            Thread.sleep(20);
            return ready;
        });
        when(recorder.record(cluster, ready)).thenReturn(true);

        service(listener("first"), listener("second")).probeAndRecord(cluster);

        assertThat(heard).containsExactly("first prod-eu-1 Ready", "second prod-eu-1 Ready");
        assertThat(durations).allMatch(took -> took.compareTo(Duration.ofMillis(20)) >= 0);
    }

    @Test
    void aProbeOfAClusterDeletedMeanwhileIsToldToNobody() {
        when(clients.forCluster(cluster)).thenReturn(mock(KubernetesClient.class));
        when(probe.probe(any(), any(), any())).thenReturn(ready);
        when(recorder.record(cluster, ready)).thenReturn(false);

        service(listener("first")).probeAndRecord(cluster);

        assertThat(heard).isEmpty();
    }

    @Test
    void aClusterWithoutListenersIsProbedAllTheSame() {
        when(clients.forCluster(cluster)).thenReturn(mock(KubernetesClient.class));
        when(probe.probe(any(), any(), any())).thenReturn(ready);
        when(recorder.record(cluster, ready)).thenReturn(true);

        assertThat(service().probeAndRecord(cluster)).isEqualTo(ready);
    }

    @Test
    void aRoutineProbeOfAClusterThatAnsweredDoesNotAskForItsVersionAgain() {
        ProbeService service = serviceOfAReadyClusterAnswering(ready, ready, ready);

        service.probeRoutinely(cluster);
        service.probeRoutinely(cluster);
        service.probeAndRecord(cluster);

        assertRecordedVersionsOffered(null, "v1.31.4", null);
    }

    @Test
    void aClusterThatStoppedAnsweringIsAskedForItsVersionWhenItAnswersAgain() {
        ProbeResult unreachable = new ProbeResult(ClusterStatus.Unreachable, "no answer", null, null, Instant.now());
        ProbeService service = serviceOfAReadyClusterAnswering(ready, unreachable, ready);

        service.probeRoutinely(cluster);
        service.probeRoutinely(cluster);
        service.probeRoutinely(cluster);

        assertRecordedVersionsOffered(null, "v1.31.4", null);
    }

    /** The cluster recorded Ready with v1.31.4; its probes give these results in turn, each recorded. */
    private ProbeService serviceOfAReadyClusterAnswering(ProbeResult first, ProbeResult... then) {
        recordedReady(cluster, "v1.31.4");
        when(clients.forCluster(cluster)).thenReturn(client);
        when(probe.probe(eq(client), any(), any())).thenReturn(first, then);
        when(recorder.record(any(), any())).thenReturn(true);
        return service();
    }

    /** The recorded version offered to each probe, in order; null where the probe was to ask the server. */
    private void assertRecordedVersionsOffered(String... versions) {
        InOrder order = inOrder(probe);
        for (String version : versions) {
            order.verify(probe).probe(eq(client), any(), version == null ? isNull() : eq(version));
        }
    }

    /** As a round reads the cluster from the database after a probe recorded it Ready with this version. */
    private static void recordedReady(ClusterEntity cluster, String version) {
        ReflectionTestUtils.setField(cluster, "status", ClusterStatus.Ready);
        ReflectionTestUtils.setField(cluster, "serverVersion", version);
    }

    private ProbeListener listener(String name) {
        return (probed, result, took) -> {
            heard.add(name + " " + probed + " " + result.status());
            durations.add(took);
        };
    }

    private ProbeService service(ProbeListener... listeners) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int i = 0; i < listeners.length; i++) {
            beans.addBean("listener" + i, listeners[i]);
        }
        return new ProbeService(clients, probe, recorder, Clock.systemUTC(), beans.getBeanProvider(ProbeListener.class),
                new ClusterRegistrySettings(Duration.ofSeconds(30), Duration.ofSeconds(5), 4, Duration.ofSeconds(30), true,
                        Duration.ofMinutes(10)));
    }
}
