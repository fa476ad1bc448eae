package io.berth.engine;

import io.berth.template.BuiltIns;
import io.berth.engine.health.CustomHealthRule;
import io.berth.template.RenderedManifest;
import io.berth.template.SimpleContent;
import io.berth.template.TemplateRenderer;
import io.berth.template.WorkloadHint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The example template sets shipped in template-store ({@code seeds/<name>/}), rendered by the real renderer. */
public final class Seeds {

    public static final String NGINX_WEB = "nginx-web";
    public static final String ETCD_OPERATOR = "etcd-operator";
    public static final String ETCD_CLUSTER = "etcd-cluster";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Seeds() {
    }

    public static SimpleContent content(String seed) {
        String base = "/seeds/" + seed + "/";
        return new SimpleContent(text(base + "documents.yaml"), text(base + "parameters.schema.json"),
                JSON.readValue(text(base + "defaults.json"), new TypeReference<LinkedHashMap<String, Object>>() { }),
                hints(seed));
    }

    public static List<WorkloadHint> hints(String seed) {
        return JSON.readValue(text("/seeds/" + seed + "/hints.json"), new TypeReference<List<WorkloadHint>>() { });
    }

    /** The seed's health hints as the engine's rules, by kind. */
    public static Map<String, CustomHealthRule> healthRules(String seed) {
        return hints(seed).stream().filter(h -> h.health() != null)
                .collect(Collectors.toMap(WorkloadHint::kind, h -> new CustomHealthRule(h.health().readyCondition(),
                        h.health().statusPath(), h.health().healthy(), h.health().progressing(), h.health().degraded())));
    }

    /** The seed's objects in apply order, rendered for an application in a namespace of cluster sim-1. */
    public static List<Map<String, Object>> render(String seed, String application, String namespace, Map<String, Object> values) {
        return new TemplateRenderer().render(content(seed), values, new BuiltIns(application, namespace, "sim-1", Map.of()))
                .manifests().stream().map(RenderedManifest::object).toList();
    }

    public static Stamp stamp(String application, String seed, int revision) {
        return new Stamp(application, revision, seed, "1.0.0", "sha256:" + "0".repeat(63) + revision);
    }

    private static String text(String resource) {
        try (InputStream in = Seeds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
