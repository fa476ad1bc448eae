package io.berth.kubesim.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class KubeSimExtensionTest {

    @Test
    void startsTheClustersOncePerClassHandsThemOutEverywhereAndClosesThemAfterTheClass() {
        TwoClusters.SIMS.clear();

        TestExecutionSummary summary = run(TwoClusters.class);

        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(2);
        assertThat(TwoClusters.SIMS).as("one KubeSim for the whole class").hasSize(1);
        KubeSim sim = TwoClusters.SIMS.iterator().next();
        assertThat(sim.clusters()).as("closed after the class").isEmpty();
        assertRefused(TwoClusters.urls.get(0));
        assertRefused(TwoClusters.urls.get(1));
    }

    @Test
    void registeredWithoutTheAnnotationStartsOneClusterWithTheDefaults() {
        TestExecutionSummary summary = run(Defaults.class);

        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(1);
        assertThat(Defaults.clusters).hasSize(1);
        assertThat(Defaults.readinessDelay).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void nestedClassesShareTheEnclosingClassesClustersUnlessAnnotatedThemselves() {
        Outer.SIMS.clear();

        TestExecutionSummary summary = run(Outer.class);

        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(3);
        assertThat(Outer.SIMS.get(0)).as("outer and plain nested").isSameAs(Outer.SIMS.get(1));
        assertThat(Outer.SIMS.get(2)).as("nested with its own annotation").isNotSameAs(Outer.SIMS.get(0));
        assertThat(Outer.SIMS.get(2).clusters()).isEmpty();
        assertThat(Outer.SIMS.get(0).clusters()).isEmpty();
    }

    @Test
    void perClassLifecycleGetsTheClustersInTheConstructor() {
        TestExecutionSummary summary = run(PerClassLifecycle.class);

        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(1);
    }

    /** Used the ordinary way, under the build's own test run. */
    @Nested
    @SimulatedClusters(count = 2, readinessDelayMillis = 10)
    class InUse {

        @Test
        void theFirstClusterAnswersThroughItsKubeconfig(SimulatedCluster first, List<SimulatedCluster> all) {
            assertThat(all).extracting(SimulatedCluster::name).containsExactly("sim-1", "sim-2");
            assertThat(first).isSameAs(all.get(0));
            assertThat(first.client().nodes().list().getItems()).hasSize(3);
        }
    }

    @SimulatedClusters(count = 2, readinessDelayMillis = 50)
    static class TwoClusters {

        static final Set<KubeSim> SIMS = ConcurrentHashMap.newKeySet();
        static List<SimulatedCluster> clusters;
        static List<String> urls;

        private final KubeSim fromConstructor;
        private SimulatedCluster firstField;
        private KubeSim simField;

        TwoClusters(KubeSim sim) {
            this.fromConstructor = sim;
        }

        @Test
        void first(KubeSim sim, List<SimulatedCluster> all, SimulatedCluster first) {
            assertThat(fromConstructor).isSameAs(sim);
            assertThat(simField).isSameAs(sim);
            assertThat(all).hasSize(2);
            assertThat(clusters).as("static field").isEqualTo(all);
            assertThat(first).isSameAs(all.get(0));
            assertThat(firstField).isSameAs(first);
            assertThat(sim.settings().readinessDelay()).isEqualTo(Duration.ofMillis(50));
            assertThat(first.client().nodes().list().getItems()).hasSize(3);
            urls = all.stream().map(SimulatedCluster::url).toList();
            SIMS.add(sim);
        }

        @Test
        void second(KubeSim sim) {
            SIMS.add(sim);
        }
    }

    @ExtendWith(KubeSimExtension.class)
    static class Defaults {

        static List<SimulatedCluster> clusters;
        static Duration readinessDelay;

        @Test
        void test(KubeSim sim) {
            readinessDelay = sim.settings().readinessDelay();
        }
    }

    @SimulatedClusters
    static class Outer {

        static final List<KubeSim> SIMS = new CopyOnWriteArrayList<>();

        @Test
        void outer(KubeSim sim) {
            SIMS.add(sim);
        }

        @Nested
        class Plain {

            @Test
            void nested(KubeSim sim) {
                SIMS.add(sim);
            }

            @Nested
            @SimulatedClusters(count = 2)
            class OwnClusters {

                @Test
                void nestedAgain(KubeSim sim) {
                    assertThat(sim.clusters()).hasSize(2);
                    SIMS.add(sim);
                }
            }
        }
    }

    @SimulatedClusters
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassLifecycle {

        private final SimulatedCluster cluster;

        PerClassLifecycle(SimulatedCluster cluster) {
            this.cluster = cluster;
        }

        @Test
        void test(SimulatedCluster same) {
            assertThat(cluster).isSameAs(same);
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        StringBuilder out = new StringBuilder();
        summary.getFailures().forEach(f -> out.append(f.getTestIdentifier().getDisplayName()).append(": ").append(f.getException()).append('\n'));
        return out.toString();
    }

    private static void assertRefused(String url) {
        URI uri = URI.create(url);
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.getInputStream();
            }
        }).isInstanceOf(ConnectException.class);
    }
}
