package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The StatefulSet's revision history, kept as ControllerRevisions as the real controller keeps it:
 * one per distinct pod template, named {@code <set>-<hash>}, holding the template. The history is
 * what lets a pod below the partition be recreated from the old template after the set changed.
 */
final class Revisions {

    static final String HASH_LABEL = "controller.kubernetes.io/hash";
    private static final int DEFAULT_HISTORY_LIMIT = 10;

    /** The revision the set's pods were made from, the one they are moving to, and their templates. */
    record Pair(String current, PodTemplateSpec currentTemplate, String update, PodTemplateSpec updateTemplate) {
    }

    private final KubernetesClient client;
    private final KubernetesSerialization json;

    Revisions(KubernetesClient client) {
        this.client = client;
        this.json = client.getKubernetesSerialization();
    }

    /**
     * Finds or records the revision of the set's template (the update revision) and the revision in
     * {@code status.currentRevision} (the current one; the update revision when there is none yet),
     * and trims the history. Once a rollout is complete nothing needs looking up.
     */
    Pair sync(StatefulSet set, List<Pod> pods) {
        PodTemplateSpec template = set.getSpec().getTemplate();
        String name = set.getMetadata().getName() + "-" + hash(template);
        StatefulSetStatus status = set.getStatus();
        if (status != null && name.equals(status.getUpdateRevision()) && name.equals(status.getCurrentRevision())) {
            return new Pair(name, template, name, template);
        }
        List<ControllerRevision> owned = owned(set);
        recordUpdate(set, owned, name, template);
        ControllerRevision current = find(owned, status == null ? null : status.getCurrentRevision());
        Pair pair = current == null || current.getMetadata().getName().equals(name) ? new Pair(name, template, name, template)
                : new Pair(current.getMetadata().getName(), templateOf(current), name, template);
        Set<String> live = new HashSet<>(List.of(pair.current(), pair.update()));
        pods.forEach(p -> live.add(StatefulSetPods.revision(p)));
        truncate(set, owned, live);
        return pair;
    }

    /** Makes a revision of the template, or makes its existing one the newest when the set went back to it. */
    private void recordUpdate(StatefulSet set, List<ControllerRevision> owned, String name, PodTemplateSpec template) {
        long next = owned.isEmpty() ? 1 : number(owned.get(owned.size() - 1)) + 1;
        ControllerRevision update = find(owned, name);
        if (update == null) {
            create(set, name, template, next);
        } else if (update != owned.get(owned.size() - 1)) {
            // going back to an earlier template re-uses its revision, as the real controller does
            update.setRevision(next);
            client.apps().controllerRevisions().inNamespace(set.getMetadata().getNamespace()).resource(update).update();
        }
    }

    /** The set's revisions, oldest first. */
    private List<ControllerRevision> owned(StatefulSet set) {
        String uid = set.getMetadata().getUid();
        List<ControllerRevision> revisions = new ArrayList<>(client.apps().controllerRevisions()
                .inNamespace(set.getMetadata().getNamespace()).list().getItems().stream()
                .filter(r -> r.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
                .toList());
        revisions.sort(Comparator.comparingLong(Revisions::number));
        return revisions;
    }

    /** Deletes the oldest revisions nothing uses any more beyond {@code spec.revisionHistoryLimit}. */
    private void truncate(StatefulSet set, List<ControllerRevision> owned, Set<String> live) {
        Integer configured = set.getSpec().getRevisionHistoryLimit();
        int limit = configured == null ? DEFAULT_HISTORY_LIMIT : configured;
        List<ControllerRevision> history = owned.stream().filter(r -> !live.contains(r.getMetadata().getName())).toList();
        if (limit < 0 || history.size() <= limit) {
            return;
        }
        for (ControllerRevision old : history.subList(0, history.size() - limit)) {
            client.apps().controllerRevisions().inNamespace(set.getMetadata().getNamespace()).resource(old).delete();
        }
    }

    /** Deletes the revisions of a set that is gone (the garbage collector's work on a real cluster). */
    void deleteOwnedBySetNamed(String namespace, String setName) {
        for (ControllerRevision revision : client.apps().controllerRevisions().inNamespace(namespace).list().getItems()) {
            if (StatefulSetPods.controlledBySetNamed(revision, setName)) {
                client.apps().controllerRevisions().inNamespace(namespace).resource(revision).delete();
            }
        }
    }

    /**
     * A stable hash of the template: the first 10 hex digits of the SHA-256 of its JSON with keys
     * sorted, so that the order of labels or annotations does not make a new revision.
     */
    String hash(PodTemplateSpec template) {
        String canonical = json.asJson(sorted(json.convertValue(template, Map.class)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void create(StatefulSet set, String name, PodTemplateSpec template, long revision) {
        Map<String, Object> templateData = new LinkedHashMap<>(json.convertValue(template, Map.class));
        templateData.put("$patch", "replace"); // the real controller stores a strategic merge patch that replaces the template
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels());
        labels.put(HASH_LABEL, name.substring(name.lastIndexOf('-') + 1));
        ControllerRevision created = new ControllerRevisionBuilder()
                .withNewMetadata().withName(name).withNamespace(set.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(StatefulSetPods.controllerRef(set)).endMetadata()
                .withData(new RawExtension(Map.of("spec", Map.of("template", templateData))))
                .withRevision(revision).build();
        client.apps().controllerRevisions().inNamespace(set.getMetadata().getNamespace()).resource(created).create();
    }

    private PodTemplateSpec templateOf(ControllerRevision revision) {
        Map<?, ?> data = json.convertValue(revision.getData(), Map.class);
        Map<String, Object> template = new LinkedHashMap<>();
        if (data.get("spec") instanceof Map<?, ?> spec && spec.get("template") instanceof Map<?, ?> stored) {
            stored.forEach((k, v) -> template.put(String.valueOf(k), v));
        }
        template.remove("$patch");
        return json.convertValue(template, PodTemplateSpec.class);
    }

    private static long number(ControllerRevision revision) {
        return revision.getRevision() == null ? 0 : revision.getRevision();
    }

    private static ControllerRevision find(List<ControllerRevision> revisions, String name) {
        return revisions.stream().filter(r -> Objects.equals(r.getMetadata().getName(), name)).findFirst().orElse(null);
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Revisions::sorted).toList();
        }
        return value;
    }
}
