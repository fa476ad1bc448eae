package io.berth.engine.health;

import io.berth.engine.Workloads;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules for custom resources: the template's rule when it gives one, else the conditions that
 * many controllers share ({@code Ready}, {@code Stalled}, {@code Reconciling}), else Unknown. An
 * operator's object is never Healthy only because nothing says otherwise. Pure.
 */
final class CustomResourceHealth {

    private CustomResourceHealth() {
    }

    static Assessment judge(Map<String, Object> live, CustomHealthRule rule, ReplicaCount scale) {
        Assessment unobserved = Conditions.unobservedGeneration(live);
        if (unobserved != null) {
            return unobserved;
        }
        Assessment judged = rule != null ? byRule(live, rule) : byStandardConditions(live);
        if (judged.health() != Health.Healthy) {
            return judged;
        }
        Assessment members = membersReady(live, scale);
        return members != null ? members : scaleSettled(scale);
    }

    /**
     * A resource whose status names its members ready and unready ({@code status.members.ready} and
     * {@code .unready}, as the etcd operator writes them) is healthy only when none is unready and, when
     * a replica count is known, as many are ready as asked: while an operator replaces a dead member its
     * phase stays {@code Running} and its size may still count the dead one.
     */
    private static Assessment membersReady(Map<String, Object> live, ReplicaCount scale) {
        if (!(Workloads.valueAt(live, "status.members") instanceof Map<?, ?> members)) {
            return null;
        }
        List<?> unready = members.get("unready") instanceof List<?> list ? list : List.of();
        if (!unready.isEmpty()) {
            return Assessment.progressing("members not ready: " + String.join(", ", unready.stream().map(String::valueOf).toList()));
        }
        int ready = members.get("ready") instanceof List<?> list ? list.size() : 0;
        Integer asked = scale == null ? null : scale.asked();
        if (asked != null && ready < asked) {
            return Assessment.progressing(ready + " of " + asked + " members ready");
        }
        return null;
    }

    private static Assessment byRule(Map<String, Object> live, CustomHealthRule rule) {
        if (rule.readyCondition() != null) {
            Map<String, Object> condition = Conditions.find(live, rule.readyCondition());
            if (condition == null) {
                return Assessment.progressing("no " + rule.readyCondition() + " condition yet");
            }
            return Conditions.isTrue(condition) ? Assessment.healthy() : Assessment.progressing(
                    rule.readyCondition() + " is " + condition.get("status") + Conditions.explained(condition));
        }
        if (rule.statusPath() == null) {
            return Assessment.unknown("the health rule gives neither a condition nor a status path");
        }
        Object value = Workloads.valueAt(live, rule.statusPath());
        String path = rule.statusPath();
        if (value == null) {
            return Assessment.progressing(path + " is not set yet");
        }
        String text = value.toString();
        if (rule.healthy().contains(text)) {
            return Assessment.healthy();
        }
        if (rule.degraded().contains(text)) {
            return Assessment.degraded(path + " is " + text);
        }
        if (rule.progressing().contains(text)) {
            return Assessment.progressing(path + " is " + text);
        }
        return Assessment.unknown(path + " is " + text + ", which the template's health rule does not list");
    }

    /** The conventions of kstatus and most operators: Stalled is a failure, Reconciling is work, Ready says done. */
    private static Assessment byStandardConditions(Map<String, Object> live) {
        Map<String, Object> stalled = Conditions.find(live, "Stalled");
        if (Conditions.isTrue(stalled)) {
            return Assessment.degraded("Stalled" + Conditions.explained(stalled));
        }
        Map<String, Object> reconciling = Conditions.find(live, "Reconciling");
        if (Conditions.isTrue(reconciling)) {
            return Assessment.progressing("Reconciling" + Conditions.explained(reconciling));
        }
        Map<String, Object> ready = Conditions.find(live, "Ready");
        if (ready != null) {
            return Conditions.isTrue(ready) ? Assessment.healthy()
                    : Assessment.progressing("Ready is " + ready.get("status") + Conditions.explained(ready));
        }
        return Assessment.unknown("no health rule for " + Objects.toString(live.get("kind"), "this kind")
                + " in the template, and no Ready, Reconciling or Stalled condition");
    }

    /**
     * A resource whose rule says healthy may still be growing or shrinking: with a {@code /scale}
     * count, it is healthy only once the running replicas match those asked for.
     */
    private static Assessment scaleSettled(ReplicaCount scale) {
        if (scale == null || Objects.equals(scale.asked(), scale.running())) {
            return scale != null && Integer.valueOf(0).equals(scale.asked())
                    ? Assessment.suspended("scaled to 0 replicas") : Assessment.healthy();
        }
        return Assessment.progressing("scaling: " + scale.running() + " of " + scale.asked() + " replicas");
    }
}
