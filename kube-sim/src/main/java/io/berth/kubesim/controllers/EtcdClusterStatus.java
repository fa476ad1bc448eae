package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The status of an EtcdCluster as the operator writes it (see {@link EtcdOperator} for what each field
 * says), written only when it changed.
 */
final class EtcdClusterStatus {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KubernetesClient client;

    EtcdClusterStatus(KubernetesClient client) {
        this.client = client;
    }

    private static Map<?, ?> previousOf(GenericKubernetesResource cluster) {
        return cluster.getAdditionalProperties().get("status") instanceof Map<?, ?> m ? m : Map.of();
    }

    /**
     * Writes the status when it changed.
     *
     * @param dead members whose pods are gone but which the operator has not removed from etcd yet: they
     *             count in {@code size}, and are neither ready nor unready, as the real operator reports them
     */
    void write(GenericKubernetesResource cluster, EtcdOperator.Spec spec, List<Pod> members, List<String> dead) {
        Map<?, ?> previous = previousOf(cluster);
        List<String> ready = OwnedPods.names(members.stream().filter(OwnedPods::ready).toList());
        List<String> unready = OwnedPods.names(members.stream().filter(p -> !OwnedPods.ready(p)).toList());

        String phase;
        if (spec.problem() != null) {
            phase = "Failed";
        } else if ("Running".equals(previous.get("phase")) || (members.size() == spec.size() && unready.isEmpty())) {
            phase = "Running";
        } else {
            phase = "Creating";
        }
        String currentVersion = currentVersion(members, previous, spec);

        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", phase);
        status.put("reason", spec.problem() == null ? "" : spec.problem());
        status.put("controlPaused", spec.paused());
        if (spec.problem() == null) {
            status.put("conditions", conditions(previous, spec, members, ready.size(), members.size() + dead.size()));
        } else {
            status.put("conditions", previous.get("conditions") instanceof List<?> kept ? kept : List.of());
        }
        status.put("size", members.size() + dead.size());
        Map<String, Object> memberStatus = new LinkedHashMap<>();
        if (!ready.isEmpty()) {
            memberStatus.put("ready", ready);
        }
        if (!unready.isEmpty()) {
            memberStatus.put("unready", unready);
        }
        status.put("members", memberStatus);
        status.put("currentVersion", currentVersion);
        status.put("targetVersion", spec.problem() == null && !spec.version().equals(currentVersion) ? spec.version() : "");

        if (JSON.valueToTree(status).equals(JSON.valueToTree(previous))) {
            return;
        }
        cluster.setAdditionalProperty("status", status);
        client.genericKubernetesResources(EtcdOperator.ETCD_CLUSTERS).inNamespace(cluster.getMetadata().getNamespace())
                .resource(cluster).updateStatus();
    }

    /** The version all members run; while they differ (an upgrade), the version the cluster had. */
    private static String currentVersion(List<Pod> members, Map<?, ?> previous, EtcdOperator.Spec spec) {
        List<String> versions = members.stream().map(EtcdOperator::versionOf).filter(Objects::nonNull).distinct().sorted().toList();
        Object before = previous.get("currentVersion");
        if (versions.size() == 1) {
            return versions.get(0);
        }
        if (before instanceof String text && !text.isEmpty() && (versions.isEmpty() || versions.contains(text))) {
            return text;
        }
        return versions.isEmpty() ? spec.version() : versions.get(0);
    }

    private static List<Map<String, Object>> conditions(Map<?, ?> previous, EtcdOperator.Spec spec, List<Pod> members, int ready,
                                                        int size) {
        List<?> before = previous.get("conditions") instanceof List<?> list ? list : List.of();
        List<Map<String, Object>> conditions = new ArrayList<>();
        int majority = spec.size() / 2 + 1;
        if (ready >= majority) {
            conditions.add(condition(before, "Available", "True", "Cluster available", ""));
        } else {
            conditions.add(condition(before, "Available", "False", "Majority not ready",
                    ready + " of " + spec.size() + " members ready, " + majority + " needed"));
        }
        if (size != spec.size()) {
            conditions.add(condition(before, "Scaling", "True", size < spec.size() ? "Scaling up" : "Scaling down",
                    "Current cluster size: " + size + ", desired cluster size: " + spec.size()));
        }
        if (members.stream().anyMatch(p -> !spec.version().equals(EtcdOperator.versionOf(p)))) {
            conditions.add(condition(before, "Upgrading", "True", "Cluster upgrading", "upgrading to " + spec.version()));
        }
        return conditions;
    }

    /** A condition as the operator writes it; an unchanged one keeps its timestamps. */
    private static Map<String, Object> condition(List<?> before, String type, String status, String reason, String message) {
        for (Object item : before) {
            if (item instanceof Map<?, ?> old && type.equals(old.get("type")) && status.equals(old.get("status"))
                    && reason.equals(old.get("reason")) && message.equals(Objects.requireNonNullElse(old.get("message"), ""))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> kept = (Map<String, Object>) old;
                return kept;
            }
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("lastUpdateTime", now);
        condition.put("lastTransitionTime", now);
        condition.put("reason", reason);
        if (!message.isEmpty()) {
            condition.put("message", message);
        }
        return condition;
    }
}
