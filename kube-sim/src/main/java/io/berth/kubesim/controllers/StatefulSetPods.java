package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** How a StatefulSet's pods are made and read: identity, revision label, readiness. */
final class StatefulSetPods {

    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    static final String REVISION_LABEL = "controller-revision-hash";

    private StatefulSetPods() {
    }

    /**
     * The pod of an ordinal, made from a template of one of the set's revisions: its stable name,
     * hostname and subdomain (the headless service), the identity and revision labels, the set as its
     * controller, and a volume per claim template pointing at that ordinal's claim.
     */
    static Pod newPod(StatefulSet set, PodTemplateSpec template, String revision, int ordinal, KubernetesSerialization json) {
        String name = set.getMetadata().getName() + "-" + ordinal;
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (template.getMetadata() != null) {
            labels.putAll(template.getMetadata().getLabels());
            annotations.putAll(template.getMetadata().getAnnotations());
        }
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, String.valueOf(ordinal));
        labels.put(REVISION_LABEL, revision);
        PodSpec spec = template.getSpec() == null ? new PodSpec() : json.clone(template.getSpec());
        spec.setHostname(name);
        spec.setSubdomain(set.getSpec().getServiceName());
        spec.setVolumes(volumes(set, spec.getVolumes(), ordinal));
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(set.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(annotations).withOwnerReferences(controllerRef(set)).endMetadata()
                .withSpec(spec).build();
    }

    /** The set as the controller of a pod (or of a claim or revision), as the real controller refers to it. */
    static OwnerReference controllerRef(StatefulSet set) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                .withName(set.getMetadata().getName()).withUid(set.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    /** The claim volumes first, then the template's own volumes that a claim does not replace. */
    private static List<Volume> volumes(StatefulSet set, List<Volume> own, int ordinal) {
        List<Volume> volumes = new ArrayList<>();
        Set<String> claimed = set.getSpec().getVolumeClaimTemplates().stream()
                .map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
            volumes.add(new VolumeBuilder().withName(claim.getMetadata().getName()).withNewPersistentVolumeClaim()
                    .withClaimName(VolumeClaims.claimName(claim, set, ordinal)).withReadOnly(false).endPersistentVolumeClaim().build());
        }
        own.stream().filter(v -> !claimed.contains(v.getName())).forEach(volumes::add);
        return volumes;
    }

    /** The ordinal in a pod's name {@code <set>-<n>}, or -1 when the name has none. */
    static int ordinal(Pod pod, String setName) {
        String name = pod.getMetadata().getName();
        String prefix = setName + "-";
        if (!name.startsWith(prefix) || name.length() == prefix.length() || name.length() - prefix.length() > 9) {
            return -1;
        }
        String digits = name.substring(prefix.length());
        return digits.chars().allMatch(Character::isDigit) ? Integer.parseInt(digits) : -1;
    }

    static String revision(Pod pod) {
        return pod.getMetadata().getLabels().get(REVISION_LABEL);
    }

    /** Running with a true Ready condition: what an ordered StatefulSet waits for. */
    static boolean runningAndReady(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    static boolean pending(Pod pod) {
        return pod.getStatus() != null && "Pending".equals(pod.getStatus().getPhase());
    }

    /** Failed or Succeeded: the real controller deletes such a pod so that it is made again. */
    static boolean finished(Pod pod) {
        return pod.getStatus() != null && ("Failed".equals(pod.getStatus().getPhase()) || "Succeeded".equals(pod.getStatus().getPhase()));
    }

    /** Whether the object's controller reference names a StatefulSet of this name, whichever its uid. */
    static boolean controlledBySetNamed(HasMetadata object, String setName) {
        return object.getMetadata().getOwnerReferences().stream().anyMatch(o -> "StatefulSet".equals(o.getKind())
                && setName.equals(o.getName()) && Boolean.TRUE.equals(o.getController()));
    }

    static boolean ownedBy(HasMetadata object, String uid) {
        return object.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
    }
}
