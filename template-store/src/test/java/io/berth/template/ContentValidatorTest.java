package io.berth.template;

import static io.berth.template.Fixtures.configMap;
import static io.berth.template.Fixtures.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContentValidatorTest {

    private static final String ETCD_KIND = "apiVersion: etcd.database.coreos.com/v1beta2\nkind: EtcdCluster\n"
            + "metadata:\n  name: etcd\nspec:\n  size: 3\n";

    private final ContentValidator validator = new ContentValidator();

    private List<TemplateProblem> validate(String documents, String properties) {
        return validator.validate(content(documents, properties));
    }

    @Test
    void acceptsDocumentsWhosePlaceholdersAreAllDeclaredOrBuiltIn() {
        String documents = configMap("{{ berth.application }}-config", "  a: {{ a }}\n  b: \"{{ nested.b }}\"\n"
                + "  env: {{ berth.clusterLabels.env }}\n");

        assertThat(validate(documents, "{\"a\":{\"type\":\"integer\"},\"nested\":{\"type\":\"object\","
                + "\"properties\":{\"b\":{\"type\":\"string\"}}}}")).isEmpty();
    }

    @Test
    void parametersMayBeDeclaredThroughLocalReferencesAndAdditionalProperties() {
        String schema = "{\"type\":\"object\",\"$defs\":{\"port\":{\"type\":\"integer\"}},\"properties\":{"
                + "\"port\":{\"$ref\":\"#/$defs/port\"},"
                + "\"labels\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}}}";
        SimpleContent content = new SimpleContent(configMap("x", "  port: {{ port }}\n  tier: {{ labels.tier }}\n"),
                schema, Map.of(), List.of());

        assertThat(validator.validate(content)).isEmpty();
        assertThat(new TemplateRenderer().render(content, Map.of("port", 80, "labels", Map.of("tier", "web")),
                Fixtures.BUILT_INS).manifests().get(0).object()).extractingByKey("data")
                .isEqualTo(Map.of("port", 80, "tier", "web"));
    }

    @Test
    void everyDocumentNeedsApiVersionKindAndMetadataName() {
        String documents = "kind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nmetadata:\n  name: b\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n---\napiVersion: v1\nkind: ConfigMap\n";

        assertThat(validate(documents, "{}")).extracting(TemplateProblem::documentIndex, TemplateProblem::path)
                .containsExactly(tuple(0, "$.apiVersion"), tuple(1, "$.kind"), tuple(2, "$.metadata.name"), tuple(3, "$.metadata"));
    }

    @Test
    void namesMustBeDns1123SubdomainsUnlessEntirelyAPlaceholder() {
        String documents = configMap("Web_Server", "  a: b\n") + "---\n" + configMap("{{ name }}", "  a: b\n")
                + "---\n" + configMap("{{ name }}-web", "  a: b\n") + "---\n" + configMap("Web-{{ name }}", "  a: b\n");

        List<TemplateProblem> problems = validate(documents, "{\"name\":{\"type\":\"string\"}}");

        assertThat(problems).extracting(TemplateProblem::documentIndex, TemplateProblem::path)
                .containsExactly(tuple(0, "$.metadata.name"), tuple(3, "$.metadata.name"));
        assertThat(problems.get(1).message()).startsWith("\"Web-{{ name }}\" is not a DNS-1123 subdomain");
    }

    @Test
    void aNamespaceMustBeADns1123Label() {
        String documents = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: team.a\n";

        assertThat(validate(documents, "{}")).extracting(TemplateProblem::path).containsExactly("$.metadata.namespace");
    }

    @Test
    void twoDocumentsMayNotShareGroupKindNamespaceAndName() {
        String documents = String.join("---\n",
                configMap("same", "  a: b\n"),
                configMap("same", "  a: c\n"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n  namespace: other\n",
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: same\n",
                "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: same\n",
                configMap("{{ n }}", "  a: b\n"),
                configMap("{{ n }}", "  a: b\n"));

        List<TemplateProblem> problems = validate(documents, "{\"n\":{\"type\":\"string\"}}");

        assertThat(problems).extracting(TemplateProblem::documentIndex).containsExactly(1, 6);
        assertThat(problems.get(0).message()).isEqualTo("ConfigMap \"same\" is already defined by document 0"
                + " (same kind, namespace and name)");
    }

    @Test
    void placeholdersAreRefusedInKeysAndWhenUndeclared() {
        String documents = configMap("x", "  {{ key }}: v\n  a: {{ undeclared }}\n  b: {{ berth.region }}\n");

        assertThat(validate(documents, "{\"key\":{\"type\":\"string\"}}"))
                .extracting(TemplateProblem::path, TemplateProblem::message).containsExactly(
                        tuple("$.data['{{ key }}']", "placeholders are allowed only in values, not in keys"),
                        tuple("$.data.a", "unknown placeholder {{ undeclared }}: it is not declared in the parameters"
                                + " schema and is not a built-in"),
                        tuple("$.data.b", "unknown placeholder {{ berth.region }}: it is not declared in the parameters"
                                + " schema and is not a built-in"));
    }

    @Test
    void placeholdersInCommentsAreIgnored() {
        assertThat(validate(configMap("x", "  # set {{ whatever you like }}\n  a: b\n"), "{}")).isEmpty();
    }

    @Test
    void theSchemaMustBeAValidJsonSchema() {
        List<TemplateProblem> problems = validate(configMap("x", "  a: {{ r }}\n"),
                "{\"r\":{\"type\":\"integr\"},\"s\":{\"minimum\":\"one\"}}");

        assertThat(problems).extracting(TemplateProblem::path)
                .contains("$.properties.r.type", "$.properties.s.minimum");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("parameters schema"));
    }

    @Test
    void theSchemaMustBeJsonDescribingAnObject() {
        SimpleContent notJson = new SimpleContent(configMap("x", "  a: b\n"), "{type: object", Map.of(), List.of());
        SimpleContent notObject = new SimpleContent(configMap("x", "  a: b\n"), "{\"type\":\"array\"}", Map.of(), List.of());

        assertThat(validator.validate(notJson)).extracting(TemplateProblem::message)
                .singleElement().asString().startsWith("parameters schema is not valid JSON");
        assertThat(validator.validate(notObject)).extracting(TemplateProblem::path).containsExactly("$.type");
    }

    @Test
    void anotherDraftCanBeChosenButNotAnUnknownOne() {
        String draft7 = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                + "\"properties\":{\"a\":{\"type\":\"string\"}}}";
        String unknown = "{\"$schema\":\"https://example.com/my-dialect\",\"type\":\"object\"}";

        assertThat(validator.validate(new SimpleContent(configMap("x", "  a: {{ a }}\n"), draft7, Map.of(), List.of())))
                .isEmpty();
        assertThat(validator.validate(new SimpleContent(configMap("x", "  a: b\n"), unknown, Map.of(), List.of())))
                .extracting(TemplateProblem::path).contains("$['$schema']");
    }

    @Test
    void aSchemaReferringToARemoteDocumentIsRefusedWithoutFetchingIt() {
        List<TemplateProblem> problems = validate(configMap("x", "  a: b\n"),
                "{\"a\":{\"$ref\":\"https://schemas.invalid/a.json\"}}");

        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).message()).startsWith("parameters schema cannot be used: cannot load https://schemas.invalid/a.json;");
    }

    @Test
    void defaultsMustPassTheSchemaButRequiredValuesMayWaitForTheDeployment() {
        String schema = "{\"type\":\"object\",\"required\":[\"image\"],\"properties\":{\"image\":{\"type\":\"string\"},"
                + "\"replicas\":{\"type\":\"integer\",\"minimum\":0,\"default\":-1}}}";
        SimpleContent content = new SimpleContent(configMap("x", "  a: b\n"), schema, Map.of("image", 7), List.of());

        assertThat(validator.validate(content)).extracting(TemplateProblem::path).containsExactlyInAnyOrder("$.image", "$.replicas");
        assertThat(validator.validate(content)).allSatisfy(p -> assertThat(p.message()).startsWith("default value: "));
    }

    @Test
    void defaultsMayNotUseTheReservedName() {
        SimpleContent content = new SimpleContent(configMap("x", "  a: b\n"), "{}", Map.of("berth", "x"), List.of());

        assertThat(validator.validate(content)).extracting(TemplateProblem::path).containsExactly("$.berth");
    }

    @Test
    void hintsMustNameAKindOfTheDocumentsAndBeWellFormed() {
        List<WorkloadHint> hints = List.of(
                new WorkloadHint("etcd.database.coreos.com/v1beta2", "EtcdCluster", ScaleHint.atPath("spec.size"),
                        HealthHint.whenCondition("Available")),
                new WorkloadHint("example.com/v1", "Widget", ScaleHint.viaSubresource(), null),
                new WorkloadHint("etcd.database.coreos.com/v1beta2", "EtcdCluster", new ScaleHint(true, "spec.size"), null),
                new WorkloadHint("apps/v1", "StatefulSet", null, null),
                new WorkloadHint("etcd.database.coreos.com/v1beta2", "EtcdCluster", ScaleHint.atPath("spec..size"),
                        HealthHint.fromStatusPath("status.phase", List.of(), List.of("Creating"), List.of("Creating"))));
        SimpleContent content = new SimpleContent(ETCD_KIND, "{}", Map.of(), hints);

        assertThat(validator.validate(content)).extracting(TemplateProblem::path).containsExactly(
                "$.hints[1]",
                "$.hints[2]", "$.hints[2].scale",
                "$.hints[3]", "$.hints[3]",
                "$.hints[4]", "$.hints[4].scale.replicasPath", "$.hints[4].health.healthy", "$.hints[4].health");
    }

    @Test
    void aBackupDeclarationIsCheckedWithItsTemplates() {
        String backupTemplate = "apiVersion: etcd.database.coreos.com/v1beta2\nkind: EtcdBackup\nmetadata:\n"
                + "  name: \"{{ berth.backup.name }}\"\nspec:\n  s3:\n    path: \"{{ berth.backup.path }}\"\n"
                + "    forcePathStyle: {{ berth.backup.forcePathStyle }}\n  note: \"{{ size }} {{ nope }} {{ berth.backup.colour }}\"\n";
        BackupHint.BackupResource oneShot = new BackupHint.BackupResource(backupTemplate, "status.succeeded", "status.Reason",
                "status.etcdRevision", "status.lastSuccessDate", null);
        BackupHint.BackupResource scheduled = new BackupHint.BackupResource(backupTemplate.replace("{{ nope }} ", "")
                .replace(" {{ berth.backup.colour }}", ""), "status.succeeded", "status.Reason", null, null, "{key}_copy");
        BackupHint.BackupResource restore = new BackupHint.BackupResource("a: [", "status..succeeded", null, null, null, null);
        List<WorkloadHint> hints = List.of(new WorkloadHint("etcd.database.coreos.com/v1beta2", "EtcdCluster",
                ScaleHint.atPath("spec.size"), null, new BackupHint("GCS", oneShot, scheduled, restore)));
        String schema = "{\"type\":\"object\",\"properties\":{\"size\":{\"type\":\"integer\"}}}";

        List<TemplateProblem> problems = validator.validate(new SimpleContent(ETCD_KIND, schema, Map.of(), hints));

        assertThat(problems).extracting(TemplateProblem::path).containsExactly(
                "$.hints[0]",                      // backup without health
                "$.hints[0].backup.storage",
                "$.hints[0].backup.scheduled.objectKey",
                "$.hints[0].backup.restore",       // reasonPath missing
                "$.hints[0].backup.restore",       // not a dotted path
                "$.hints[0].backup.oneShot.template", "$.hints[0].backup.oneShot.template",
                "$.hints[0].backup.restore.template");
        assertThat(problems.get(5).message()).contains("nope");
        assertThat(problems.get(6).message()).contains("berth.backup.colour");
    }

    @Test
    void theBackupsBuiltInsAreUnknownToTheDocumentsThemselves() {
        assertThat(validate(configMap("x", "  path: \"{{ berth.backup.path }}\"\n"), "{}"))
                .extracting(TemplateProblem::message).singleElement().asString().contains("berth.backup.path");
    }

    @Test
    void aYamlSyntaxErrorIsReportedWithItsDocumentAndLineAmongTheOtherProblems() {
        String documents = configMap("ok", "  a: {{ nope }}\n") + "---\napiVersion: v1\nkind: ConfigMap\n  bad indent: x\n";

        List<TemplateProblem> problems = validate(documents, "{}");

        assertThat(problems).extracting(TemplateProblem::documentIndex).containsExactlyInAnyOrder(0, 1);
        assertThat(problems).filteredOn(p -> p.documentIndex() == 1).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("line 10, column 13"));
    }

    @Test
    void contentWithoutDocumentsIsRefused() {
        assertThat(validate("# only a comment\n", "{}")).extracting(TemplateProblem::message)
                .containsExactly("the content has no documents");
    }

    @Test
    void deeplyNestedYamlIsRefusedInBerthsWords() {
        StringBuilder nested = new StringBuilder();
        for (int level = 1; level <= 600; level++) {
            nested.append("  ".repeat(level)).append("k:\n");
        }

        List<TemplateProblem> problems = validate(configMap("deep", nested.toString()), "{}");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.documentIndex()).isZero();
            assertThat(p.message()).endsWith("invalid YAML: nested deeper than 500 levels")
                    .doesNotContain("StreamReadConstraints");
        });
    }

    @Test
    void everyYamlTagIsRefusedWithItsDocumentAndPath() {
        String documents = configMap("ok", "  a: b\n") + "---\n"
                + configMap("tagged", "  run: !!python/object:os.system echo\n  !custom key: v\n  list:\n  - !!binary aGk=\n"
                        + "  - !!str 8080\n  obj: !local {x: 1}\n");

        List<TemplateProblem> problems = validate(documents, "{}");

        assertThat(problems).extracting(TemplateProblem::documentIndex, TemplateProblem::path).containsExactly(
                tuple(1, "$.data.run"), tuple(1, "$.data.key"), tuple(1, "$.data.list[0]"), tuple(1, "$.data.list[1]"),
                tuple(1, "$.data.obj"));
        assertThat(problems.get(0).message()).isEqualTo("the YAML tag !!python/object:os.system is not allowed: Berth"
                + " reads YAML without tags (quote a value to make it text)");
        assertThat(problems).extracting(TemplateProblem::message).anySatisfy(m -> assertThat(m).contains("!custom"))
                .anySatisfy(m -> assertThat(m).contains("!!str")).anySatisfy(m -> assertThat(m).contains("!local"));
    }

    @Test
    void aTagOnTheDocumentItselfIsRefusedAtItsRoot() {
        assertThat(validate("!!map\n" + configMap("root", "  a: b\n"), "{}"))
                .extracting(TemplateProblem::documentIndex, TemplateProblem::path).containsExactly(tuple(0, "$"));
    }
}
