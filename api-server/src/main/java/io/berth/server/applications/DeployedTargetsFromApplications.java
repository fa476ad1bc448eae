package io.berth.server.applications;

import io.berth.engine.health.CustomHealthRule;
import io.berth.server.resources.DeployedTarget;
import io.berth.server.resources.DeployedTargets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The applications' side of the resource tree: an application's targets, what was applied there and its health rules. */
@Component
class DeployedTargetsFromApplications implements DeployedTargets {

    private final ApplicationStore applications;
    private final RevisionHealthRules rules;

    DeployedTargetsFromApplications(ApplicationStore applications, RevisionHealthRules rules) {
        this.applications = applications;
        this.rules = rules;
    }

    @Override
    public List<DeployedTarget> of(String application) {
        ApplicationRecord app = applications.find(application).orElseThrow(() -> new ApplicationNotFoundException(application));
        Map<Integer, Map<String, CustomHealthRule>> rulesByRevision = new HashMap<>();
        return applications.targets(app.id()).stream().map(t -> new DeployedTarget(t.cluster(), t.namespace(), t.revisionApplied(),
                t.objects().stream().map(AppliedObject::ref).toList(),
                t.revisionApplied() == null ? Map.of()
                        : rulesByRevision.computeIfAbsent(t.revisionApplied(), n -> rules.of(app.id(), n)))).toList();
    }
}
