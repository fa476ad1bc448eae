package io.berth.server.applications;

import io.berth.engine.ObjectRef;
import io.berth.engine.health.CustomHealthRule;
import io.berth.engine.health.Health;
import io.berth.server.status.TrackedTarget;
import io.berth.server.status.TrackedTargets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The applications' side of the status tracker: its targets, their health rules, their recorded health. */
@Component
class TrackedTargetsFromApplications implements TrackedTargets {

    private final ApplicationStore applications;
    private final ApplicationRenderer renderer;

    TrackedTargetsFromApplications(ApplicationStore applications, ApplicationRenderer renderer) {
        this.applications = applications;
        this.renderer = renderer;
    }

    @Override
    public List<TrackedTarget> all() {
        return applications.trackedTargets().stream().map(t -> new TrackedTarget(t.applicationId(), t.application(),
                t.state().cluster(), t.state().namespace(), t.revisionApplied(),
                t.state().objects().stream().map(o -> new ObjectRef(o.apiVersion(), o.kind(), o.namespace(), o.name())).toList(),
                t.state().health(), t.state().healthReason(), t.state().healthSince())).toList();
    }

    @Override
    public Map<String, CustomHealthRule> rules(UUID applicationId, int revision) {
        return applications.revision(applicationId, revision)
                .map(r -> ApplicationRenderer.healthByKind(renderer.hints(r.spec())))
                .orElse(Map.of());
    }

    @Override
    public boolean record(TrackedTarget target, Health health, String reason, Instant now) {
        return applications.updateHealth(target.applicationId(), target.cluster(), target.namespace(), health, reason, now);
    }
}
