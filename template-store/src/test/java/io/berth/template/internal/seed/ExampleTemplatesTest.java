package io.berth.template.internal.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.template.BackupHint;
import io.berth.template.BuiltIns;
import io.berth.template.ObjectKeyPattern;
import io.berth.template.SimpleContent;
import java.util.List;
import io.berth.template.ContentValidator;
import io.berth.template.RenderedManifest;
import io.berth.template.RenderedManifests;
import io.berth.template.TemplateRenderer;
import java.util.Map;
import io.berth.template.SemVer;
import org.junit.jupiter.api.Test;

class ExampleTemplatesTest {

    @Test
    void theShippedExamplesAreValidVersions() {
        assertThat(ExampleTemplates.all()).extracting(ExampleTemplates.Example::name).containsExactly("nginx-web", "etcd-cluster",
                "etcd-operator", "etcd-backup-operator", "etcd-restore-operator");
        for (ExampleTemplates.Example example : ExampleTemplates.all()) {
            assertThat(example.versions()).isNotEmpty();
            assertThat(example.versions().get(0).version()).isEqualTo("1.0.0");
            for (ExampleTemplates.ExampleVersion version : example.versions()) {
                assertThat(new ContentValidator().validate(version.content())).as(example.name() + "@" + version.version()).isEmpty();
                assertThat(SemVer.isValid(version.version())).isTrue();
            }
            assertThat(example.description()).isNotBlank();
            assertThat(example.labels()).containsEntry("berth.io/example", "true");
        }
    }

    @Test
    void theExamplesAreTheTestedFixtures() {
        assertThat(text("/seeds/etcd-cluster/hints-1.1.0.json")).isEqualTo(text("/templates/etcd-cluster/hints-1.1.0.json"));
        for (String name : new String[] {"nginx-web", "etcd-cluster", "etcd-operator", "etcd-backup-operator", "etcd-restore-operator"}) {
            for (String file : new String[] {"documents.yaml", "parameters.schema.json", "defaults.json", "hints.json"}) {
                assertThat(text("/seeds/" + name + "/" + file)).as(name + "/" + file)
                        .isEqualTo(text("/templates/" + name + "/" + file));
            }
        }
    }

    @Test
    void theEtcdOperatorRendersItsCrdRbacAndDeployment() {
        ExampleTemplates.Example operator = ExampleTemplates.all().stream()
                .filter(e -> e.name().equals("etcd-operator")).findFirst().orElseThrow();

        RenderedManifests rendered = new TemplateRenderer().render(operator.versions().get(0).content(), Map.of("operatorVersion", "0.9.3"),
                new BuiltIns("etcd-operator", "storage", "eu-1", Map.of()));

        assertThat(rendered.manifests()).extracting(RenderedManifest::kind)
                .containsExactly("CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment");
        assertThat(rendered.manifests()).extracting(RenderedManifest::name).containsExactly(
                "etcdclusters.etcd.database.coreos.com", "etcd-operator", "etcd-operator-storage", "etcd-operator-storage",
                "etcd-operator");
        assertThat(rendered.yaml())
                .contains("specReplicasPath: \".spec.size\"")
                .contains("statusReplicasPath: \".status.size\"")
                .contains("x-kubernetes-preserve-unknown-fields: true")
                .contains("namespace: storage")
                .contains("serviceAccountName: etcd-operator")
                .contains("quay.io/coreos/etcd-operator:v0.9.3");
    }

    @Test
    void etcdCluster110DeclaresBackupsWhoseTemplatesRenderTheUpstreamResources() {
        ExampleTemplates.Example etcd = ExampleTemplates.all().stream()
                .filter(e -> e.name().equals("etcd-cluster")).findFirst().orElseThrow();
        assertThat(etcd.versions()).extracting(ExampleTemplates.ExampleVersion::version).containsExactly("1.0.0", "1.1.0");
        assertThat(etcd.versions().get(0).content().hints().get(0).backup()).isNull();
        SimpleContent content = etcd.versions().get(1).content();
        BackupHint backup = content.hints().get(0).backup();
        BuiltIns builtIns = new BuiltIns("etcd", "db", "eu-1", Map.of()).withBackup(Map.of(
                "name", "etcd-schedule", "path", "backups/berth/etcd/eu-1/db/schedule", "endpoint", "http://127.0.0.1:9000",
                "forcePathStyle", true, "secret", "berth-backup-s3", "intervalSeconds", 3600, "maxBackups", 2));

        RenderedManifests rendered = new TemplateRenderer().render(new SimpleContent(backup.scheduled().template(),
                content.parametersSchemaJson(), content.defaults(), List.of()), Map.of(), builtIns);

        assertThat(rendered.manifests()).extracting(RenderedManifest::kind).containsExactly("EtcdBackup");
        assertThat(rendered.yaml())
                .contains("name: etcd-schedule")
                .contains("backupIntervalInSecond: 3600")
                .contains("maxBackups: 2")
                .contains("forcePathStyle: true")
                .contains("path: backups/berth/etcd/eu-1/db/schedule")
                .contains("awsSecret: berth-backup-s3")
                .contains("http://example-etcd-cluster-client:2379");
        assertThat(ObjectKeyPattern.keyOf(backup.scheduled().objectKey(), "berth/etcd/eu-1/db/schedule", 42L,
                java.time.Instant.parse("2019-02-27T19:23:49Z")))
                .isEqualTo("berth/etcd/eu-1/db/schedule_v42_2019-02-27-19:23:49");
    }

    private static String text(String resource) {
        try (var in = ExampleTemplatesTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
