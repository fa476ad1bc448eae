package io.berth.cluster.internal.kubeconfig;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One of a kubeconfig's lists of named entries ({@code clusters}, {@code contexts}, {@code users}), each entry
 * shaped {@code {name: ..., <kind>: {...}}}.
 *
 * @param list the list's key, for example {@code clusters}
 * @param kind the key of an entry's body, for example {@code cluster}
 */
record NamedEntries(String list, String kind, JsonNode entries) {

    /** An entry that was found, with its body: the mapping that holds the entry's settings. */
    record Entry(String name, ObjectNode body) {
    }

    static NamedEntries of(ObjectNode kubeconfig, String list, String kind) {
        return new NamedEntries(list, kind, kubeconfig.get(list));
    }

    boolean isList() {
        return entries != null && entries.isArray();
    }

    /** Names in document order, without repeats. Entries without a string name cannot be referred to, so skip them. */
    List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode entry : entries.values()) {
            nameOf(entry).ifPresent(names::add);
        }
        return List.copyOf(names);
    }

    /**
     * The one entry called {@code name}, or empty after adding a problem. A missing entry is reported against
     * {@code referrerField}, the place that asked for it; a duplicated or malformed entry against the entry itself.
     */
    Optional<Entry> find(String name, String referrerField, Problems problems) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode entry : entries.values()) {
            if (nameOf(entry).filter(name::equals).isPresent()) {
                matches.add(entry);
            }
        }
        String field = Fields.entry(list, name);
        if (matches.isEmpty()) {
            problems.add(referrerField, "refers to " + kind + " '" + name + "', which is not in the kubeconfig");
            return Optional.empty();
        }
        if (matches.size() > 1) {
            problems.add(field, "there are " + matches.size() + " " + list + " named '" + name
                    + "'; names must be unique so that it is clear which one is meant");
            return Optional.empty();
        }
        if (!(matches.get(0).get(kind) instanceof ObjectNode body)) {
            problems.add(field, "has no '" + kind + "' mapping");
            return Optional.empty();
        }
        return Optional.of(new Entry(name, body));
    }

    private static Optional<String> nameOf(JsonNode entry) {
        JsonNode name = entry.get("name");
        return name != null && name.isString() ? Optional.of(name.stringValue()) : Optional.empty();
    }
}
