package io.berth.engine.health;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one judge of health: every caller that asks how an object is doing (the readiness wait of a
 * deploy, the status tracker, the resource tree) asks here, so that they never disagree. One rule per
 * kind: StatefulSet and Deployment (with their pods), PersistentVolumeClaim, Pod; a custom resource
 * by the template's rule, else by its standard conditions, else Unknown. Nothing is Healthy by default.
 * Pure: the caller reads the cluster (or its cache) and passes what it saw.
 */
public final class HealthJudge {

    /** API groups of Kubernetes itself (besides those ending in {@code .k8s.io}); any other group is a custom resource's. */
    private static final Set<String> KUBERNETES_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy");

    private HealthJudge() {
    }

    public static Assessment judge(LiveObject live) {
        Map<String, Object> object = live.object();
        String apiVersion = Objects.toString(object.get("apiVersion"), "");
        String kind = Objects.toString(object.get("kind"), "");
        if (live.rule() != null) {
            return CustomResourceHealth.judge(object, live.rule(), live.scale());
        }
        return switch (apiVersion + " " + kind) {
            case "apps/v1 StatefulSet" -> WorkloadHealth.statefulSet(object, live.pods());
            case "apps/v1 Deployment" -> WorkloadHealth.deployment(object, live.pods());
            case "v1 PersistentVolumeClaim" -> ClaimHealth.judge(object);
            case "v1 Pod" -> PodHealth.judge(object);
            default -> isCustomResource(apiVersion) ? CustomResourceHealth.judge(object, null, live.scale())
                    : Assessment.unknown("no health rule for " + kind);
        };
    }

    /**
     * Whether objects of this kind have a health that counts for their target: the workloads, claims
     * and pods above, and every custom resource (an operator's object is what runs the application).
     * Services, ConfigMaps, Secrets and other built-in kinds have none: they exist or they do not.
     *
     * @param hasRule whether the template gives a health rule for the kind
     */
    public static boolean carriesHealth(String apiVersion, String kind, boolean hasRule) {
        return hasRule || switch (apiVersion + " " + kind) {
            case "apps/v1 StatefulSet", "apps/v1 Deployment", "v1 PersistentVolumeClaim", "v1 Pod" -> true;
            default -> isCustomResource(apiVersion);
        };
    }

    /**
     * Whether the object, on its own, says it is not ready yet, so that no read of its pods could make it
     * Healthy: for a StatefulSet or Deployment judged by the built-in rule, pods only ever add trouble
     * (Degraded), never readiness, so Progressing by its own status stays unready with them. A watcher
     * uses this to skip a full read that could not end its wait; the judgement is still this class's.
     *
     * @param hasRule whether the template gives a health rule for the kind (then this never answers true)
     */
    public static boolean unreadyByItself(Map<String, Object> object, boolean hasRule) {
        String apiVersion = Objects.toString(object.get("apiVersion"), "");
        String kind = Objects.toString(object.get("kind"), "");
        return !hasRule && judgesPods(apiVersion, kind) && judge(LiveObject.of(object)).health() == Health.Progressing;
    }

    /**
     * Whether this pod, as it is, would make the StatefulSet or Deployment that owns it Degraded (a crash
     * loop, an image that cannot be pulled, a pod that cannot be scheduled...): the one thing a pod can add
     * to its workload's judgement.
     */
    public static boolean troublesItsWorkload(Map<String, Object> pod) {
        return PodHealth.trouble(pod).isPresent();
    }

    /** Whether pods are part of the kind's judgement (they are read with the object). */
    public static boolean judgesPods(String apiVersion, String kind) {
        return "apps/v1".equals(apiVersion) && ("StatefulSet".equals(kind) || "Deployment".equals(kind));
    }

    /** Whether the API version is of a custom resource's group, not one of Kubernetes' own. */
    public static boolean isCustomResource(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return !KUBERNETES_GROUPS.contains(group) && !group.endsWith(".k8s.io") && !group.equals("k8s.io");
    }
}
