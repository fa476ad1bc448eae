package io.berth.engine.tree;

import io.berth.engine.Workloads;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading values of object trees as the nodes show them. Pure. */
final class Trees {

    private Trees() {
    }

    /** The text at a dotted path, or {@code null}. */
    static String text(Map<String, Object> object, String dottedPath) {
        Object value = Workloads.valueAt(object, dottedPath);
        return value == null ? null : value.toString();
    }

    /** The time at a dotted path, or {@code null} when it is absent or not an RFC 3339 date-time. */
    static Instant instant(Map<String, Object> object, String dottedPath) {
        return instant(text(object, dottedPath));
    }

    /** An RFC 3339 date-time as Kubernetes writes them (seconds, or microseconds for MicroTime); {@code null} otherwise. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }

    /** The strings of a list at a dotted path; {@code null} when there is no list. */
    static List<String> strings(Map<String, Object> object, String dottedPath) {
        return Workloads.valueAt(object, dottedPath) instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : null;
    }

    /** Whether one of the object's owner references names this uid. */
    static boolean ownedBy(Map<String, Object> object, String ownerUid) {
        if (ownerUid == null || !(Workloads.valueAt(object, "metadata.ownerReferences") instanceof List<?> owners)) {
            return false;
        }
        return owners.stream().anyMatch(o -> o instanceof Map<?, ?> ref && ownerUid.equals(ref.get("uid")));
    }

    /**
     * The object with this apiVersion and kind when it names none (items of a typed list may come without
     * them), so that the judge knows which rule applies; the object itself when it names them.
     */
    static Map<String, Object> asKind(Map<String, Object> object, String apiVersion, String kind) {
        if (object.get("kind") != null && object.get("apiVersion") != null) {
            return object;
        }
        Map<String, Object> named = new LinkedHashMap<>(object);
        named.put("apiVersion", apiVersion);
        named.put("kind", kind);
        return named;
    }

    /** The owner reference marked {@code controller: true}, or {@code null}. */
    static Map<?, ?> controller(Map<String, Object> object) {
        if (!(Workloads.valueAt(object, "metadata.ownerReferences") instanceof List<?> owners)) {
            return null;
        }
        return owners.stream().filter(o -> o instanceof Map<?, ?> ref && Boolean.TRUE.equals(ref.get("controller")))
                .map(o -> (Map<?, ?>) o).findFirst().orElse(null);
    }
}
