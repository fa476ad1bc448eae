package io.berth.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.cluster.ClusterAlreadyExistsException;
import io.berth.cluster.ClusterRegistration;
import io.berth.cluster.ClusterRegistry;
import io.berth.cluster.CredentialRotation;
import io.berth.server.security.Role;
import io.berth.server.security.Caller;
import io.berth.server.tokens.CreatedToken;
import io.berth.server.tokens.TokenNotFoundException;
import io.berth.server.tokens.TokenService;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/** The parts of the demo's start, each on its own: flag, database check, cluster registration, token, loader. */
class DemoStartPartsTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheExactFlagAsksForTheDemo() {
        assertThat(DemoMode.requestedBy("--server.port=8080", "--demo")).isTrue();
        assertThat(DemoMode.requestedBy("--demo=false")).isFalse();
        assertThat(DemoMode.requestedBy("--server.port=8080")).isFalse();
    }

    @Test
    void theDemoRefusesAnExternalDatabase() {
        EmbeddedDatabaseOnly check = new EmbeddedDatabaseOnly();
        check.setEnvironment(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/berth"));

        assertThatThrownBy(() -> check.postProcessBeanFactory(new DefaultListableBeanFactory()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("embedded database only")
                .hasMessageNotContaining("db.example");
        check.setEnvironment(new MockEnvironment());
        check.postProcessBeanFactory(new DefaultListableBeanFactory());
    }

    @Test
    void aClusterRegisteredByAnEarlierDemoGetsTheNewClusterCredentialsAsARotation() {
        ClusterRegistry registry = mock(ClusterRegistry.class);
        when(registry.register(any())).thenThrow(new ClusterAlreadyExistsException("sim-a"));
        DemoClusters.Spec spec = DemoClusters.SPECS.get(0);

        new DemoClusters(registry).registerOrRotate(spec, "kubeconfig: new");

        ArgumentCaptor<ClusterRegistration> registration = ArgumentCaptor.forClass(ClusterRegistration.class);
        verify(registry).register(registration.capture());
        assertThat(registration.getValue().name()).isEqualTo("sim-a");
        assertThat(registration.getValue().labels()).containsEntry("env", "dev");
        assertThat(registration.getValue().allowInsecureTls()).as("the simulated clusters speak HTTPS with their own CA").isFalse();
        verify(registry).rotateCredentials("sim-a", new CredentialRotation("kubeconfig: new", null, false, false), null);
    }

    @Test
    void theDemoClustersAreSimAForDevAndSimBForProd() {
        assertThat(DemoClusters.SPECS).extracting(s -> s.name() + " " + s.labels())
                .containsExactly("sim-a {env=dev}", "sim-b {env=prod}");
    }

    @Test
    void aKeptAdminTokenThatStillWorksIsUsedAgain() throws Exception {
        TokenService tokens = mock(TokenService.class);
        Files.writeString(dir.resolve(DemoAdminToken.FILE), "berth_kept\n");
        when(tokens.authenticate("berth_kept")).thenReturn(Optional.of(Caller.token(DemoAdminToken.NAME, Role.admin)));

        assertThat(new DemoAdminToken(tokens).ensure(dir)).isEqualTo("berth_kept");
        verify(tokens, never()).create(any(), any(), any(), any(), any());
    }

    @Test
    void aKeptTokenTheDatabaseDoesNotKnowIsReplacedAndWrittenForItsOwnerOnly() throws Exception {
        TokenService tokens = mock(TokenService.class);
        Files.writeString(dir.resolve(DemoAdminToken.FILE), "berth_from_another_database\n");
        when(tokens.authenticate(any())).thenReturn(Optional.empty());
        when(tokens.create(eq(DemoAdminToken.NAME), eq(Role.admin), isNull(), any(), any())).thenReturn(
                new CreatedToken(DemoAdminToken.NAME, Role.admin, null, Instant.now(), "demo", null, "berth_new"));

        assertThat(new DemoAdminToken(tokens).ensure(dir)).isEqualTo("berth_new");

        verify(tokens).delete(any(), eq(DemoAdminToken.NAME));
        assertThat(Files.readString(dir.resolve(DemoAdminToken.FILE)).trim()).isEqualTo("berth_new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DemoAdminToken.FILE)))).isEqualTo("rw-------");
    }

    @Test
    void aFirstStartMakesTheToken() {
        TokenService tokens = mock(TokenService.class);
        doThrow(new TokenNotFoundException(DemoAdminToken.NAME)).when(tokens).delete(any(), eq(DemoAdminToken.NAME));
        when(tokens.create(eq(DemoAdminToken.NAME), eq(Role.admin), isNull(), any(), any())).thenReturn(
                new CreatedToken(DemoAdminToken.NAME, Role.admin, null, Instant.now(), "demo", null, "berth_first"));

        assertThat(new DemoAdminToken(tokens).ensure(dir)).isEqualTo("berth_first");
        assertThat(dir.resolve(DemoAdminToken.FILE)).hasContent("berth_first");
    }

    @Test
    void aJarInsideBerthJarIsNamedAsSpringBootsLauncherNamesIt() {
        assertThat(SimulatorLoader.nestedJarUrl(new File("/opt/berth/berth.jar"), "BOOT-INF/demo/berth-kube-sim.jar"))
                .isEqualTo("jar:nested:/opt/berth/berth.jar/!BOOT-INF/demo/berth-kube-sim.jar!/");
        assertThat(SimulatorLoader.nestedJarUrl(new File("/opt/a!b/berth.jar"), "BOOT-INF/demo/x.jar"))
                .isEqualTo("jar:nested:/opt/a%21b/berth.jar/!BOOT-INF/demo/x.jar!/");
    }

    @Test
    void fromAnUnpackedDirectoryTheDemoFolderIsReadAsFiles() throws Exception {
        Path folder = Files.createDirectories(dir.resolve(SimulatorLoader.DEMO_FOLDER));
        Files.writeString(folder.resolve("b.jar"), "");
        Files.writeString(folder.resolve("a.jar"), "");
        Files.writeString(folder.resolve("notes.txt"), "");

        assertThat(SimulatorLoader.demoJars(dir.toFile())).extracting(url -> Path.of(url.toURI()).getFileName().toString())
                .containsExactly("a.jar", "b.jar");
        assertThat(SimulatorLoader.demoJars(Files.createDirectories(dir.resolve("plain")).toFile())).isEmpty();
    }

    @Test
    void theSummaryNamesTheApiTheTokenAndEachClustersKubeconfig() {
        DemoSummary summary = new DemoSummary("http://localhost:8080", "/swagger-ui.html", "berth_t", Path.of("data-demo/admin-token"),
                java.util.List.of(new DemoSummary.ClusterLine(DemoClusters.SPECS.get(1), "https://localhost:4000", "Ready",
                        Path.of("data-demo/kubeconfigs/sim-b.yaml"))), "http://127.0.0.1:5000", Path.of("data-demo/simulator-url"),
                "http://127.0.0.1:6000");

        assertThat(summary.render()).contains("API          http://localhost:8080/api/v1", "Swagger UI   http://localhost:8080/swagger-ui.html",
                "Admin token  berth_t", "sim-b  env=prod  Ready    https://localhost:4000   kubeconfig data-demo/kubeconfigs/sim-b.yaml",
                "export BERTH=http://localhost:8080 TOKEN=$(cat data-demo/admin-token)",
                "Object store http://127.0.0.1:6000   (S3, bucket berth-backups: the backup location demo-s3)");
        assertThat(summary.toString()).doesNotContain("berth_t");
    }
}
