package io.berth.server.applications;

import io.berth.cluster.Cluster;
import io.berth.server.domain.TemplateProblemFields;
import io.berth.server.domain.Violation;
import io.berth.template.ContentKind;
import io.berth.template.VersionRenderException;
import io.berth.template.WorkloadHint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks a desired spec before anything is written: the template version exists (the template
 * store's not-found otherwise), every target's cluster exists and accepts Berth, and the version
 * renders with every target's values. All violations come back at once in one
 * {@link InvalidApplicationRequestException}.
 */
@Component
class ApplicationPlanner {

    private final TargetResolver resolver;
    private final ApplicationRenderer renderer;

    ApplicationPlanner(TargetResolver resolver, ApplicationRenderer renderer) {
        this.resolver = resolver;
        this.renderer = renderer;
    }

    /** A checked spec: targets resolved, every target rendered, and the digest of it all. */
    record Plan(ApplicationSpec spec, List<RenderedTarget> rendered, String digest) {

        /** The replicas this plan runs: every workload of every target, as rendered (1 where none is set). */
        int replicas() {
            int total = 0;
            for (RenderedTarget target : rendered) {
                for (Workload workload : target.workloads()) {
                    total += replicasOf(target.objects().get(workload.objectIndex()), workload.replicasPath());
                }
            }
            return total;
        }

        private static int replicasOf(Map<String, Object> object, String path) {
            Object value = object;
            for (String field : path.split("\\.")) {
                value = value instanceof Map<?, ?> map ? map.get(field) : null;
            }
            // Kubernetes' default for a workload that does not say
            return value instanceof Number number ? number.intValue() : 1;
        }
    }

    /** Resolves the spec's targets (explicit ones given separately from the selector) and renders them all. */
    Plan plan(String application, ApplicationSpec spec, List<Target> explicitTargets) {
        List<WorkloadHint> hints = renderer.hints(spec); // fails first when the version does not exist
        List<Violation> violations = new ArrayList<>();
        List<Target> targets = resolver.resolve(explicitTargets, spec.clusterSelector(), violations);
        return renderAll(application, spec.withTargets(targets), hints, violations);
    }

    /** Renders an already resolved spec again (rollback, scale): its targets are checked, not re-resolved. */
    Plan replan(String application, ApplicationSpec spec) {
        List<WorkloadHint> hints = renderer.hints(spec);
        List<Violation> violations = new ArrayList<>();
        List<Target> checked = resolver.resolve(spec.targets(), null, violations);
        return renderAll(application, spec.withTargets(checked), hints, violations);
    }

    /** A plan with a spec that differs from the plan's only in its replica overrides (a scale): not rendered again. */
    Plan rescaled(Plan plan, ApplicationSpec spec) {
        List<RenderedTarget> rendered = plan.rendered().stream().map(r -> renderer.withOverrides(r, spec)).toList();
        return new Plan(spec, rendered, renderer.digest(rendered));
    }

    private Plan renderAll(String application, ApplicationSpec spec, List<WorkloadHint> hints, List<Violation> violations) {
        List<RenderedTarget> rendered = new ArrayList<>();
        Map<String, Cluster> clusters = new HashMap<>();
        if (violations.isEmpty()) {
            for (Target target : spec.targets()) {
                try {
                    rendered.add(renderer.render(application, spec, target,
                            name -> clusters.computeIfAbsent(name, resolver::cluster), hints));
                } catch (VersionRenderException e) {
                    List<Violation> fields = e.kind() == ContentKind.Helm
                            ? TemplateProblemFields.ofHelmRender(e.problems()) : TemplateProblemFields.ofRender(e.problems());
                    fields.forEach(f -> violations.add(new Violation(
                            "targets[" + target.key() + "]." + f.field(), f.message())));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw InvalidApplicationRequestException.cannotDeploy(violations);
        }
        return new Plan(spec, List.copyOf(rendered), renderer.digest(rendered));
    }
}
