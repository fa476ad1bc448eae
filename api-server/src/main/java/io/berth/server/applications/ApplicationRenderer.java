package io.berth.server.applications;

import io.berth.cluster.Cluster;
import io.berth.engine.Workloads;
import io.berth.engine.health.CustomHealthRule;
import io.berth.template.BuiltIns;
import io.berth.template.ContentKind;
import io.berth.template.HealthHint;
import io.berth.template.RenderedManifest;
import io.berth.template.ScaleHint;
import io.berth.template.TemplateStore;
import io.berth.template.WorkloadHint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders an application revision for a target: the template version with the target's values and
 * built-ins, then the replica overrides written into the scalable workloads. Deterministic, so a
 * resumed operation applies exactly what was validated when the revision was made.
 */
@Component
public class ApplicationRenderer {

    private static final String BUILT_IN_REPLICAS = "spec.replicas";

    private final TemplateStore templates;
    private final JsonMapper canonical;

    public ApplicationRenderer(TemplateStore templates) {
        this.templates = templates;
        this.canonical = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }

    /**
     * @param clusterOf the registered cluster of a name (for its labels)
     * @param hints     the version's hints ({@link #hints}), read once for all targets
     * @throws io.berth.template.VersionRenderException listing every problem of this target
     */
    public RenderedTarget render(String application, ApplicationSpec spec, Target target,
                                 Function<String, Cluster> clusterOf, List<WorkloadHint> hints) {
        Map<String, String> clusterLabels = clusterOf.apply(target.cluster()).labels();
        List<RenderedManifest> manifests = templates.render(spec.templateSet(), spec.version(), spec.valuesFor(target),
                new BuiltIns(application, target.namespace(), target.cluster(), clusterLabels)).manifests();
        List<Map<String, Object>> objects = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        for (RenderedManifest m : manifests) {
            String path = replicasPath(m.apiVersion(), m.kind(), hints);
            if (path != null) {
                workloads.add(new Workload(m.kind() + "/" + m.name(), m.apiVersion(), m.kind(), m.name(), path, objects.size()));
            }
            objects.add(m.object());
        }
        return withOverrides(new RenderedTarget(target, List.copyOf(objects), List.copyOf(workloads)), spec);
    }

    /**
     * The rendered target with the spec's replica overrides written into its workloads. Overrides only
     * set replica counts, so applying a spec's overrides over an earlier spec's gives what a fresh
     * render with the later spec gives, without rendering again.
     */
    public RenderedTarget withOverrides(RenderedTarget rendered, ApplicationSpec spec) {
        List<Map<String, Object>> objects = new ArrayList<>(rendered.objects());
        for (Workload w : rendered.workloads()) {
            Integer replicas = spec.replicasFor(w.key(), rendered.target().cluster());
            if (replicas != null) {
                objects.set(w.objectIndex(), Workloads.withReplicas(objects.get(w.objectIndex()), w.replicasPath(), replicas));
            }
        }
        return new RenderedTarget(rendered.target(), List.copyOf(objects), rendered.workloads());
    }

    /** The hints of the version: Simple versions declare them; Helm charts have none (built-ins only). */
    public List<WorkloadHint> hints(ApplicationSpec spec) {
        var version = templates.version(spec.templateSet(), spec.version());
        return version.kind() == ContentKind.Simple
                ? templates.content(spec.templateSet(), spec.version()).hints() : List.of();
    }

    /** The health hints among a version's hints, by kind, as the engine's health judge takes them. */
    public static Map<String, CustomHealthRule> healthByKind(List<WorkloadHint> hints) {
        Map<String, CustomHealthRule> byKind = new HashMap<>();
        hints.stream().filter(h -> h.health() != null).forEach(h -> byKind.put(h.kind(), rule(h.health())));
        return byKind;
    }

    private static CustomHealthRule rule(HealthHint hint) {
        return new CustomHealthRule(hint.readyCondition(), hint.statusPath(), hint.healthy(), hint.progressing(),
                hint.degraded());
    }

    /** sha256 over every target's objects as canonical JSON (sorted keys), in target order. */
    public String digest(List<RenderedTarget> rendered) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RenderedTarget t : rendered) {
                sha.update((t.target().key() + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(canonical.writeValueAsBytes(t.objects()));
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Where the replica count of a kind lives: {@code spec.replicas} for StatefulSets and Deployments,
     * the hint's path for custom resources, and {@code spec.replicas} for a custom resource whose hint
     * says it has a {@code /scale} subresource (the path nearly every CRD uses for it). Null: not scalable.
     */
    static String replicasPath(String apiVersion, String kind, List<WorkloadHint> hints) {
        if ("apps/v1".equals(apiVersion) && ("StatefulSet".equals(kind) || "Deployment".equals(kind))) {
            return BUILT_IN_REPLICAS;
        }
        for (WorkloadHint hint : hints) {
            ScaleHint scale = hint.scale();
            if (scale != null && hint.kind().equals(kind) && hint.apiVersion().equals(apiVersion)) {
                return scale.replicasPath() != null ? scale.replicasPath() : BUILT_IN_REPLICAS;
            }
        }
        return null;
    }
}
