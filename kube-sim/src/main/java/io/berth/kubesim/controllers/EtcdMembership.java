package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who the operator counts as a member of each etcd cluster, as the real operator keeps its member set:
 * a member joins when the operator creates its pod and leaves when the operator removes it. A member
 * whose pod is gone without the operator removing it is dead: it stays in the membership (it still
 * counts in {@code status.size}) until the operator has replaced it.
 */
final class EtcdMembership {

    private final Map<ObjectKey, Set<String>> members = new ConcurrentHashMap<>();
    private final Map<ObjectKey, Map<String, Instant>> deadSince = new ConcurrentHashMap<>();

    /** The members whose pods are gone, by name; pods the membership did not know yet are counted in. */
    List<String> dead(ObjectKey key, List<Pod> pods) {
        Set<String> known = members.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        List<String> alive = OwnedPods.names(pods);
        known.addAll(alive);
        Set<String> dead = new TreeSet<>(known);
        dead.removeAll(alive);
        return List.copyOf(dead);
    }

    /** When the member was first found dead; the first time, {@code now}. */
    Instant deadSince(ObjectKey key, String member, Instant now) {
        return deadSince.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).computeIfAbsent(member, m -> now);
    }

    boolean knownDead(ObjectKey key, String member) {
        return deadSince.getOrDefault(key, Map.of()).containsKey(member);
    }

    void joined(ObjectKey key, String member) {
        members.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(member);
    }

    void left(ObjectKey key, String member) {
        members.computeIfPresent(key, (k, names) -> {
            names.remove(member);
            return names;
        });
        deadSince.computeIfPresent(key, (k, since) -> {
            since.remove(member);
            return since;
        });
    }

    void forget(ObjectKey key) {
        members.remove(key);
        deadSince.remove(key);
    }
}
