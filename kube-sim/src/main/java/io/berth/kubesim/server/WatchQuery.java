package io.berth.kubesim.server;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a watch request asks for: the resource and namespace of its path, the object name (from the path
 * or a {@code metadata.name} field selector), label and field selectors, the resourceVersion to start
 * after (null: send the current objects first) and {@code timeoutSeconds} (0: none).
 */
record WatchQuery(ApiPath path, String name, SelectorFilter labels, FieldSelector fields, Long resourceVersion,
                  long timeoutSeconds) {

    private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");

    /** Whether the request is a watch: {@code watch=1}, {@code watch=true} and the other spellings of true. */
    static boolean isWatch(ApiPath path) {
        return TRUE.contains(path.query().getOrDefault("watch", ""));
    }

    /** @throws IllegalArgumentException for a selector, resourceVersion or timeout that cannot be read */
    static WatchQuery of(ApiPath path) {
        var query = path.query();
        FieldSelector fields = FieldSelector.parse(query.get("fieldSelector"));
        String name = path.name();
        for (FieldSelector.Term term : fields.terms()) {
            if (term.equal() && term.path().equals("metadata.name")) {
                name = term.value();
            }
        }
        String labels = query.get("labelSelector");
        String version = query.get("resourceVersion");
        Long resourceVersion = version == null || version.isEmpty() || version.equals("0") ? null : number("resourceVersion", version);
        String timeout = query.get("timeoutSeconds");
        long timeoutSeconds = timeout == null || timeout.isEmpty() ? 0 : number("timeoutSeconds", timeout);
        return new WatchQuery(path, name, labels == null ? SelectorFilter.parse("") : SelectorFilter.parse(labels), fields,
                resourceVersion, Math.max(0, timeoutSeconds));
    }

    /** Whether an object of this change's resource passes the namespace, name and selectors. */
    boolean matches(String group, String resource, JsonNode object) {
        if (object == null || !path.group().equals(group) || !path.resource().equals(resource)) {
            return false;
        }
        JsonNode metadata = object.path("metadata");
        return (path.namespace() == null || path.namespace().equals(metadata.path("namespace").asString("")))
                && (name == null || name.equals(metadata.path("name").asString("")))
                && labels.matches(metadata.path("labels")) && fields.matches(object);
    }

    /** The collection the watch covers, for its initial list. */
    String listPath() {
        return path.collectionPath();
    }

    private static long number(String parameter, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + " must be a number, not \"" + value + "\"");
        }
    }
}
