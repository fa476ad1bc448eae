package io.berth.template.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.junit.SimulatedClusters;
import io.berth.template.HelmLimits;
import io.berth.template.HelmRenderer;
import io.berth.template.HelmWorkers;
import io.berth.template.RenderedManifests;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Helm's {@code lookup} never reaches a cluster, not even one that Berth's environment names in
 * every way Helm and client-go know (KUBECONFIG, ~/.kube/config, in-cluster variables, HELM_KUBE*):
 * it finds nothing, as an offline {@code helm template} does.
 */
@SimulatedClusters
@EnabledIf("io.berth.template.HelmRenderer#isAvailable")
class HelmLookupIsolationTest {

    private static final String PASSWORD = "s3cr3t-from-the-cluster";
    private static final Pattern TOKEN = Pattern.compile("token: (\\S+)");

    private static final String LOOKUP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: looked-up
            data:
              secret: {{ lookup "v1" "Secret" "default" "db" | toJson | quote }}
              secrets: {{ lookup "v1" "Secret" "default" "" | toJson | quote }}
              namespaces: {{ lookup "v1" "Namespace" "" "" | toJson | quote }}
              {{- with (lookup "v1" "Secret" "default" "db") }}
              password: {{ .data.password | b64dec | quote }}
              {{- end }}
            """;

    @Test
    void lookupFindsNothingEvenWhenBerthsEnvironmentNamesAReachableCluster(SimulatedCluster cluster,
                                                                            @TempDir Path home) throws IOException {
        cluster.client().secrets().inNamespace("default").resource(new SecretBuilder()
                .withNewMetadata().withName("db").endMetadata()
                .addToData("password", base64(PASSWORD)).build()).create();
        Path kubeconfig = home.resolve(".kube").resolve("config");
        Files.createDirectories(kubeconfig.getParent());
        cluster.writeKubeconfig(kubeconfig);
        try (KubernetesClient asBerth = cluster.outsideClient()) {
            assertThat(asBerth.secrets().inNamespace("default").withName("db").get())
                    .as("this kubeconfig does reach the Secret").isNotNull();
        }

        RenderedManifests rendered;
        try (HelmWorkers workers = HelmWorkers.withEnvironment(HelmLimits.DEFAULT, environmentNaming(cluster, home))) {
            rendered = new HelmRenderer(workers).render(chart(), Map.of(), TestCharts.BUILT_INS);
        }

        assertThat(rendered.manifests()).singleElement().satisfies(configMap -> assertThat(configMap.object())
                .extracting("data").isEqualTo(Map.of("secret", "{}", "secrets", "{}", "namespaces", "{}")));
        assertThat(rendered.yaml()).doesNotContain(PASSWORD, base64(PASSWORD));
    }

    /** Every way Berth's environment could name the cluster to Helm. */
    private static Map<String, String> environmentNaming(SimulatedCluster cluster, Path home) {
        URI api = URI.create(cluster.url());
        Matcher token = TOKEN.matcher(cluster.kubeconfig());
        assertThat(token.find()).isTrue();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("HOME", home.toString());
        environment.put("KUBECONFIG", home.resolve(".kube").resolve("config").toString());
        environment.put("KUBERNETES_SERVICE_HOST", api.getHost());
        environment.put("KUBERNETES_SERVICE_PORT", Integer.toString(api.getPort()));
        environment.put("KUBERNETES_MASTER", cluster.url());
        environment.put("HELM_KUBEAPISERVER", cluster.url());
        environment.put("HELM_KUBETOKEN", token.group(1));
        environment.put("HELM_KUBEINSECURE_SKIP_TLS_VERIFY", "true");
        return environment;
    }

    private static io.berth.template.HelmContent chart() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Chart.yaml", "apiVersion: v2\nname: lookup\nversion: 0.1.0\n");
        files.put("templates/configmap.yaml", LOOKUP);
        return TestCharts.chart(files);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
