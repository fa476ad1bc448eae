package io.berth.server.applications;

import io.berth.engine.health.CustomHealthRule;
import io.berth.server.resources.DeployedTarget;
import io.berth.server.resources.DeployedTargets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The applications' side of the resource tree: an application's targets, what was applied there and its health rules. */
@Component
class DeployedTargetsFromApplications implements DeployedTargets {

    private final ApplicationStore applications;
    private final ApplicationRenderer renderer;

    DeployedTargetsFromApplications(ApplicationStore applications, ApplicationRenderer renderer) {
        this.applications = applications;
        this.renderer = renderer;
    }

    @Override
    public List<DeployedTarget> of(String application) {
        ApplicationRecord app = applications.find(application).orElseThrow(() -> new ApplicationNotFoundException(application));
        Map<Integer, Map<String, CustomHealthRule>> rulesByRevision = new HashMap<>();
        return applications.targets(app.id()).stream().map(t -> new DeployedTarget(t.cluster(), t.namespace(), t.revisionApplied(),
                t.objects().stream().map(AppliedObject::ref).toList(),
                t.revisionApplied() == null ? Map.of()
                        : rulesByRevision.computeIfAbsent(t.revisionApplied(), n -> rules(app.id(), n)))).toList();
    }

    /** The health rules of the revision's template version (its targets may run different revisions). */
    private Map<String, CustomHealthRule> rules(UUID applicationId, int revision) {
        return applications.revision(applicationId, revision)
                .map(r -> ApplicationRenderer.healthByKind(renderer.hints(r.spec())))
                .orElse(Map.of());
    }
}
