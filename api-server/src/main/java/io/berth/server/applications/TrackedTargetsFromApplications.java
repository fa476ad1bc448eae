package io.berth.server.applications;

import io.berth.cluster.ClusterOwnership;
import io.berth.cluster.ClusterRegistry;
import io.berth.engine.ManifestApplier;
import io.berth.engine.ObjectRef;
import io.berth.engine.Stamp;
import io.berth.engine.drift.ObjectDrift;
import io.berth.engine.health.CustomHealthRule;
import io.berth.engine.health.Health;
import io.berth.server.status.DesiredObject;
import io.berth.server.status.TargetChanges;
import io.berth.server.status.TrackedTarget;
import io.berth.server.status.TrackedTargets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The applications' side of the status tracker: its targets, their health rules, their recorded health. */
@Component
class TrackedTargetsFromApplications implements TrackedTargets {

    private final ApplicationStore applications;
    private final ApplicationRenderer renderer;
    private final ClusterRegistry clusters;
    private final SelfHealing selfHealing;
    private final RevisionHealthRules rules;
    private final ClusterOwnership ownership;

    TrackedTargetsFromApplications(ApplicationStore applications, ApplicationRenderer renderer, ClusterRegistry clusters,
                                   SelfHealing selfHealing, RevisionHealthRules rules, ClusterOwnership ownership) {
        this.applications = applications;
        this.ownership = ownership;
        this.renderer = renderer;
        this.rules = rules;
        this.clusters = clusters;
        this.selfHealing = selfHealing;
    }

    @Override
    public List<TrackedTarget> all() {
        return applications.trackedTargets().stream().map(TrackedTargetsFromApplications::tracked).toList();
    }

    @Override
    public long changeMark() {
        return applications.changeMark();
    }

    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public TargetChanges changedSince(long mark) {
        // one snapshot for both reads: a target removed and deployed again in between is seen in one state
        List<TrackedTarget> followed = new ArrayList<>();
        List<TargetChanges.Unfollowed> unfollowed = new ArrayList<>();
        for (ApplicationStore.RemovedTarget removed : applications.targetsRemovedSince(mark)) {
            unfollowed.add(new TargetChanges.Unfollowed(removed.applicationId(), removed.cluster(), removed.namespace()));
        }
        for (ApplicationStore.ChangedTarget changed : applications.targetsChangedSince(mark)) {
            if (changed.tracked()) {
                followed.add(tracked(changed.target()));
            } else {
                TargetState state = changed.target().state();
                unfollowed.add(new TargetChanges.Unfollowed(changed.target().applicationId(), state.cluster(), state.namespace()));
            }
        }
        return new TargetChanges(followed, unfollowed);
    }

    @Override
    @Transactional
    public void forgetRemovalsBefore(Instant before) {
        applications.purgeTargetRemovals(before);
    }

    private static TrackedTarget tracked(ApplicationStore.TrackedTarget t) {
        return new TrackedTarget(t.applicationId(), t.application(), t.state().cluster(), t.state().namespace(),
                t.revisionApplied(), t.state().objects().stream().map(AppliedObject::ref).toList(),
                t.state().health(), t.state().healthReason(), t.state().healthSince(), t.driftJudged(),
                t.state().drift(), t.selfHeal());
    }

    @Override
    public Map<String, CustomHealthRule> rules(UUID applicationId, int revision) {
        return rules.of(applicationId, revision);
    }

    @Override
    public boolean record(TrackedTarget target, Health health, String reason, Instant now) {
        return applications.updateHealth(target.applicationId(), target.cluster(), target.namespace(), health, reason, now,
                ownership.replica());
    }

    /**
     * Renders the target's revision again (the revision and the template version are immutable, so this
     * is what was applied) and stamps each object as the applier did. Rendered objects are matched to
     * the recorded ones by group, kind and name: a cluster-scoped object is recorded without namespace.
     */
    @Override
    public List<DesiredObject> desired(TrackedTarget tracked) {
        Revision revision = applications.revision(tracked.applicationId(), tracked.revision()).orElse(null);
        if (revision == null) {
            return List.of();
        }
        Target target = revision.spec().targets().stream()
                .filter(t -> t.cluster().equals(tracked.cluster()) && t.namespace().equals(tracked.namespace()))
                .findFirst().orElse(null);
        if (target == null) {
            return List.of();
        }
        RenderedTarget rendered = renderer.render(tracked.application(), revision.spec(), target, clusters::get,
                renderer.hints(revision.spec()));
        Stamp stamp = new Stamp(tracked.application(), revision.number(), revision.spec().templateSet(),
                revision.spec().version(), revision.renderedDigest());
        List<DesiredObject> desired = new ArrayList<>();
        for (Map<String, Object> object : rendered.objects()) {
            Map<String, Object> applied = ManifestApplier.asApplied(object, stamp);
            recordedRef(tracked, applied).ifPresent(ref -> desired.add(new DesiredObject(ref, applied)));
        }
        return desired;
    }

    private static Optional<ObjectRef> recordedRef(TrackedTarget tracked, Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        Object name = object.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
        ObjectRef named = new ObjectRef(apiVersion, kind, null, String.valueOf(name));
        return tracked.objects().stream()
                .filter(ref -> ref.group().equals(named.group()) && ref.kind().equals(kind) && ref.name().equals(named.name()))
                .findFirst();
    }

    @Override
    public boolean recordDrift(TrackedTarget target, List<ObjectDrift> drift, Instant now) {
        if (drift.isEmpty()) {
            selfHealing.healed(target.application(), target.cluster(), target.namespace());
        }
        return applications.updateDrift(target.applicationId(), target.cluster(), target.namespace(), target.revision(),
                drift, now, ownership.replica());
    }

    @Override
    public void drifted(TrackedTarget target) {
        if (target.selfHeal()) {
            selfHealing.heal(target.application(), target.cluster(), target.namespace());
        }
    }
}
