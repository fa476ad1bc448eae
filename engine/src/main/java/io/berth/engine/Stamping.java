package io.berth.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Berth's labels and annotations, and deep copies of rendered object trees. Pure. */
public final class Stamping {

    /** On every object Berth applies and on the pods of its workloads; watches select by it. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String BERTH = "berth";
    /** The application an object (or pod) belongs to. */
    public static final String APPLICATION = "berth.io/application";
    public static final String REVISION = "berth.io/revision";
    public static final String TEMPLATE = "berth.io/template";
    public static final String DIGEST = "berth.io/digest";

    private Stamping() {
    }

    /**
     * A copy of the object with Berth's labels and annotations in its own metadata, and Berth's two
     * labels (never the annotations) on the pod template of a built-in workload, so that its pods can
     * be watched by label. Those labels are the same for every revision of an application: a new
     * revision rolls no pod because of them. The pod template keeps its own managed-by label when the
     * workload's selector names it, since a template must match its selector.
     */
    static Map<String, Object> stamped(Map<String, Object> object, Stamp stamp) {
        Map<String, Object> copy = deepCopy(object);
        Map<String, Object> metadata = child(copy, "metadata");
        Map<String, Object> labels = child(metadata, "labels");
        labels.put(MANAGED_BY, BERTH);
        labels.put(APPLICATION, stamp.application());
        Map<String, Object> annotations = child(metadata, "annotations");
        annotations.put(REVISION, Integer.toString(stamp.revision()));
        annotations.put(TEMPLATE, stamp.templateSet() + "@" + stamp.templateVersion());
        annotations.put(DIGEST, stamp.digest());
        if (hasPodTemplate(copy)) {
            stampPodTemplate(copy, stamp);
        }
        return copy;
    }

    private static boolean hasPodTemplate(Map<String, Object> object) {
        String workload = object.get("apiVersion") + " " + object.get("kind");
        return switch (workload) {
            case "apps/v1 StatefulSet", "apps/v1 Deployment", "apps/v1 DaemonSet", "apps/v1 ReplicaSet", "batch/v1 Job" ->
                    object.get("spec") instanceof Map<?, ?> spec && spec.get("template") instanceof Map<?, ?>;
            default -> false;
        };
    }

    private static void stampPodTemplate(Map<String, Object> workload, Stamp stamp) {
        Map<String, Object> spec = child(workload, "spec");
        Map<String, Object> labels = child(child(child(spec, "template"), "metadata"), "labels");
        labels.put(APPLICATION, stamp.application());
        boolean selectorNamesManagedBy = Workloads.valueAt(spec, "selector.matchLabels") instanceof Map<?, ?> match
                && match.containsKey(MANAGED_BY);
        if (!selectorNamesManagedBy) {
            labels.put(MANAGED_BY, BERTH);
        }
    }

    /** Whether live labels still say the object belongs to the application. */
    static boolean belongsTo(Map<String, String> liveLabels, String application) {
        return liveLabels != null && application.equals(liveLabels.get(APPLICATION));
    }

    /** The map under {@code key}, created (or replaced by a mutable copy) as needed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> mutable = new LinkedHashMap<>((Map<String, Object>) map);
            parent.put(key, mutable);
            return mutable;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> tree) {
        Map<String, Object> copy = new LinkedHashMap<>();
        tree.forEach((key, value) -> copy.put(key, copyValue(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return deepCopy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(Stamping::copyValue).toList());
        }
        return value;
    }

    static String text(Map<String, Object> object, String key) {
        Object value = object.get(key);
        return value == null ? null : value.toString();
    }
}
