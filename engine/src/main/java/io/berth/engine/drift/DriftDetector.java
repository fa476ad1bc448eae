package io.berth.engine.drift;

import io.berth.engine.ObjectRef;
import io.berth.engine.Stamping;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what Berth applied to an object with the object as it is: only the fields Berth applied
 * count. That is exactly the set of fields server-side apply gives to Berth's field manager (Berth
 * applies with force, so it owns every field it sends): status, values the API server defaulted and
 * fields other managers added are never drift. Pure.
 * <ul>
 *   <li>Maps: every key Berth applied must be there with the same value; keys it did not apply are not looked at.</li>
 *   <li>Lists of objects with a merge key (containers, env, volumes by {@code name}; ports by {@code containerPort}
 *       or {@code port}; volume mounts by {@code mountPath}) are matched by that key, as server-side apply
 *       merges them; an item Berth applied that is gone is drift, items others added are not.</li>
 *   <li>Other lists are atomic: they must be equal as applied (checked item by item for items that are maps).</li>
 *   <li>Scalars are equal when equal as JSON, as numbers ({@code 3} and {@code 3.0}), or as Kubernetes
 *       quantities ({@code 1Gi} and {@code 1024Mi}, {@code 500m} and {@code 0.5}): the API server
 *       writes quantities back in its canonical form.</li>
 * </ul>
 */
public final class DriftDetector {

    private static final List<String> MERGE_KEYS = List.of("name", "containerPort", "port", "mountPath", "devicePath", "ip");
    /** Filled in by the API server on every object; Berth never applies them. */
    private static final Set<String> SERVER_METADATA = Set.of("namespace", "resourceVersion", "uid", "generation",
            "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private DriftDetector() {
    }

    /**
     * @param applied the object as Berth applied it (rendered and stamped)
     * @param live    the object as it is now, or {@code null} when it is gone
     * @return empty when every field Berth applied is as it applied it
     */
    public static Optional<ObjectDrift> compare(ObjectRef ref, Map<String, Object> applied, Map<String, Object> live) {
        if (live == null) {
            return Optional.of(ObjectDrift.missing(ref));
        }
        if (SecretValues.isSecret(ref)) {
            return SecretValues.compare(ref, applied, live);
        }
        List<FieldDrift> fields = new ArrayList<>();
        for (Map.Entry<String, Object> entry : applied.entrySet()) {
            String key = entry.getKey();
            if (key.equals("status") || key.equals("apiVersion") || key.equals("kind")) {
                continue; // a version applied as v1beta1 is served as v1: the same object
            }
            if (key.equals("metadata") && entry.getValue() instanceof Map<?, ?> metadata && live.get("metadata") instanceof Map<?, ?> liveMeta) {
                for (Map.Entry<?, ?> m : metadata.entrySet()) {
                    String key2 = String.valueOf(m.getKey());
                    Object value = key2.equals("annotations") ? withoutRevisionStamps(m.getValue()) : m.getValue();
                    if (!SERVER_METADATA.contains(key2)) {
                        compareValue("metadata." + key2, value, liveMeta.get(m.getKey()), fields);
                    }
                }
                continue;
            }
            compareValue(key, entry.getValue(), live.get(key), fields);
        }
        fields.sort(java.util.Comparator.comparing(FieldDrift::path));
        return fields.isEmpty() ? Optional.empty() : Optional.of(new ObjectDrift(ref, false, fields));
    }

    /**
     * Berth's annotations that say which revision last applied the object are bookkeeping, not wanted
     * state: a scale through {@code /scale}, or a revision carried to a target it does not change, leaves
     * the object as an older revision stamped it, and that is no drift.
     */
    private static Object withoutRevisionStamps(Object annotations) {
        if (!(annotations instanceof Map<?, ?> map)) {
            return annotations;
        }
        Map<Object, Object> kept = new java.util.LinkedHashMap<>(map);
        kept.keySet().removeAll(Set.of(Stamping.REVISION, Stamping.TEMPLATE, Stamping.DIGEST));
        return kept;
    }

    static void compareValue(String path, Object applied, Object live, List<FieldDrift> out) {
        if (applied == null || isEmptyCollection(applied) && (live == null || isEmptyCollection(live))) {
            return; // applying null asks for nothing; an empty map or list is as good as none
        }
        if (applied instanceof Map<?, ?> map) {
            if (!(live instanceof Map<?, ?> liveMap)) {
                out.add(new FieldDrift(path, Json.text(applied), Json.text(live)));
                return;
            }
            map.forEach((k, v) -> compareValue(path + "." + k, v, liveMap.get(k), out));
            return;
        }
        if (applied instanceof List<?> list) {
            if (!(live instanceof List<?> liveList)) {
                out.add(new FieldDrift(path, Json.text(applied), Json.text(live)));
                return;
            }
            compareList(path, list, liveList, out);
            return;
        }
        if (!sameScalar(applied, live)) {
            out.add(new FieldDrift(path, Json.text(applied), Json.text(live)));
        }
    }

    private static void compareList(String path, List<?> applied, List<?> live, List<FieldDrift> out) {
        Optional<String> mergeKey = mergeKeyOf(applied);
        if (mergeKey.isPresent()) {
            String key = mergeKey.get();
            for (Object item : applied) {
                Object id = ((Map<?, ?>) item).get(key);
                String itemPath = path + "[" + key + "=" + id + "]";
                Optional<?> match = live.stream().filter(l -> l instanceof Map<?, ?> m && sameScalar(id, m.get(key))).findFirst();
                if (match.isEmpty()) {
                    out.add(new FieldDrift(itemPath, Json.text(item), null));
                } else {
                    ((Map<?, ?>) item).forEach((k, v) -> compareValue(itemPath + "." + k, v, ((Map<?, ?>) match.get()).get(k), out));
                }
            }
            return;
        }
        boolean ofMaps = applied.stream().allMatch(i -> i instanceof Map<?, ?>);
        if (applied.size() != live.size() || !ofMaps) {
            if (applied.size() != live.size() || !sameScalars(applied, live)) {
                out.add(new FieldDrift(path, Json.text(applied), Json.text(live)));
            }
            return;
        }
        for (int i = 0; i < applied.size(); i++) {
            compareValue(path + "[" + i + "]", applied.get(i), live.get(i), out);
        }
    }

    private static boolean isEmptyCollection(Object value) {
        return value instanceof Map<?, ?> map && map.isEmpty() || value instanceof List<?> list && list.isEmpty();
    }

    /** The merge key every item of a list of objects has, if one of the known keys fits. */
    private static Optional<String> mergeKeyOf(List<?> applied) {
        if (applied.isEmpty() || !applied.stream().allMatch(i -> i instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        return MERGE_KEYS.stream()
                .filter(key -> applied.stream().allMatch(i -> ((Map<?, ?>) i).get(key) != null))
                .findFirst();
    }

    private static boolean sameScalars(List<?> applied, List<?> live) {
        for (int i = 0; i < applied.size(); i++) {
            if (!sameScalar(applied.get(i), live.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameScalar(Object applied, Object live) {
        if (Objects.equals(applied, live)) {
            return true;
        }
        if (applied == null || live == null || applied instanceof Boolean || live instanceof Boolean) {
            return false;
        }
        if (applied instanceof Number a && live instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return sameQuantity(applied.toString(), live.toString());
    }

    /** {@code 1Gi} and {@code 1024Mi}; {@code 500m} and {@code 0.5}; {@code "80"} and {@code 80}. */
    private static boolean sameQuantity(String applied, String live) {
        try {
            return Quantity.getAmountInBytes(new Quantity(applied)).compareTo(Quantity.getAmountInBytes(new Quantity(live))) == 0;
        } catch (RuntimeException notQuantities) {
            return false;
        }
    }
}
