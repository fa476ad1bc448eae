package io.berth.server.applications;

import io.berth.engine.health.CustomHealthRule;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The health rules of a revision, by kind: what its template version's hints say of its custom
 * resources. The status tracker and the resource tree judge with the same rules through this.
 */
@Component
class RevisionHealthRules {

    private final ApplicationStore applications;
    private final ApplicationRenderer renderer;

    RevisionHealthRules(ApplicationStore applications, ApplicationRenderer renderer) {
        this.applications = applications;
        this.renderer = renderer;
    }

    /** The rules of the application's revision; none when the revision is unknown. */
    Map<String, CustomHealthRule> of(UUID applicationId, int revision) {
        return applications.revision(applicationId, revision)
                .map(r -> ApplicationRenderer.healthByKind(renderer.hints(r.spec())))
                .orElse(Map.of());
    }
}
