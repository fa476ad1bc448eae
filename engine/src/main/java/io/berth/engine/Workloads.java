package io.berth.engine;

import java.util.Map;
import java.util.Objects;

/** Pure helpers on rendered object trees ({@code Map}s of maps, lists and scalars). */
public final class Workloads {

    private Workloads() {
    }

    /**
     * Writes the replica count at a dotted path such as {@code spec.size}, creating the maps on the
     * way as needed.
     *
     * @return a deep, mutable copy of the object; the input is left untouched
     */
    public static Map<String, Object> withReplicas(Map<String, Object> object, String dottedPath, int replicas) {
        String[] parts = split(dottedPath);
        Map<String, Object> copy = Stamping.deepCopy(object);
        Map<String, Object> node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            node = Stamping.child(node, parts[i]);
        }
        node.put(parts[parts.length - 1], replicas);
        return copy;
    }

    /** The integer at a dotted path, or {@code null} when the path is missing or holds no integer. */
    public static Integer replicasAt(Map<String, Object> object, String dottedPath) {
        Object value = valueAt(object, dottedPath);
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        return null;
    }

    /** The value at a dotted path, or {@code null}. */
    public static Object valueAt(Map<String, Object> object, String dottedPath) {
        Object node = object;
        for (String part : split(dottedPath)) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    private static String[] split(String dottedPath) {
        Objects.requireNonNull(dottedPath, "dottedPath");
        String path = dottedPath.startsWith(".") ? dottedPath.substring(1) : dottedPath; // CRDs write ".spec.size"
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw new IllegalArgumentException("not a dotted path: " + dottedPath);
        }
        return path.split("\\.");
    }
}
