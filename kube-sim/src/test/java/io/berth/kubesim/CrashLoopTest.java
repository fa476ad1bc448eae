package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A container that keeps crashing, as the kubelet reports one: restarted after a back-off that doubles
 * each time (here from 100 ms instead of 10 s), its restarts counted, its last exit kept, never Ready.
 */
@SimulatedClusters(readinessDelayMillis = 50, crashLoopBackOffMillis = 100)
class CrashLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static KubernetesClient client;

    @BeforeAll
    static void arrange(SimulatedCluster cluster) {
        client = cluster.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("crash").endMetadata().build()).create();
    }

    @Test
    void aCrashingContainerIsRestartedAfterADoublingBackOffAndNeverReady() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Watch watch = client.pods().inNamespace("crash").withName("looping").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                ContainerStatus status = mainStatus(pod);
                if (status != null && status.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(status.getState().getWaiting().getReason())) {
                    String entry = status.getRestartCount() + " " + status.getState().getWaiting().getMessage();
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(entry)) {
                        seen.add(entry);
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        try {
            Pod pod = client.pods().inNamespace("crash").resource(new PodBuilder().withNewMetadata().withName("looping").endMetadata()
                    .withNewSpec().addNewContainer().withName("main").withImage("example.com/app:crashloop").endContainer().endSpec()
                    .build()).create();
            await().atMost(WAIT).until(() -> mainStatus(get()) != null && mainStatus(get()).getRestartCount() >= 3);

            String podText = "looping_crash(" + pod.getMetadata().getUid() + ")";
            assertThat(seen).startsWith(
                    "0 back-off 100ms restarting failed container=main pod=" + podText,
                    "1 back-off 200ms restarting failed container=main pod=" + podText,
                    "2 back-off 400ms restarting failed container=main pod=" + podText);
        } finally {
            watch.close();
        }

        Pod pod = get();
        ContainerStatus status = mainStatus(pod);
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(status.getReady()).isFalse();
        assertThat(pod.getStatus().getConditions()).filteredOn(c -> c.getType().equals("Ready")).singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
        var terminated = status.getLastState().getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(1);
        assertThat(terminated.getReason()).isEqualTo("Error");
        assertThat(terminated.getStartedAt()).isNotBlank();
        assertThat(terminated.getFinishedAt()).isNotBlank();
    }

    @Test
    void theBackOffEventIsCountedNotRepeated() {
        client.pods().inNamespace("crash").resource(new PodBuilder().withNewMetadata().withName("counted").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("example.com/app:crashloop").endContainer().endSpec()
                .build()).create();

        await().atMost(WAIT).until(() -> backOffs("counted").stream().anyMatch(e -> e.getCount() >= 3));
        assertThat(backOffs("counted")).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{main}");
        });
    }

    private static List<Event> backOffs(String pod) {
        List<Event> events = new ArrayList<>();
        for (Event event : client.v1().events().inNamespace("crash").list().getItems()) {
            if (pod.equals(event.getInvolvedObject().getName()) && "BackOff".equals(event.getReason())) {
                events.add(event);
            }
        }
        return events;
    }

    private static Pod get() {
        return client.pods().inNamespace("crash").withName("looping").get();
    }

    private static ContainerStatus mainStatus(Pod pod) {
        return pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses().isEmpty() ? null
                : pod.getStatus().getContainerStatuses().get(0);
    }
}
