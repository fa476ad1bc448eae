package io.berth.cluster.internal.kubeconfig;

import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for the selected context entry, which ties a cluster, a user and an optional namespace together. */
final class ContextEntryRules {

    private static final Set<String> ALLOWED = Set.of("cluster", "user", "namespace", "extensions");

    // A namespace name is an RFC 1123 label; checking it here catches typos before Berth builds API paths with it.
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /**
     * What the context refers to; a reference is empty when it was missing or malformed (a problem was added).
     */
    record References(Optional<String> cluster, Optional<String> user, String namespace) {
    }

    private ContextEntryRules() {
    }

    static References check(NamedEntries.Entry context, Problems problems) {
        String name = context.name();
        ObjectNode body = context.body();
        EntryChecks.refuseUnknownKeys(ContextSelector.LIST, name, body, ALLOWED, Set.of(), problems);
        Optional<String> cluster = required(name, body, "cluster", problems);
        Optional<String> user = required(name, body, "user", problems);
        String namespaceField = Fields.entryField(ContextSelector.LIST, name, "namespace");
        Optional<String> namespace = EntryChecks.nonEmptyString(body, "namespace", namespaceField, problems);
        if (namespace.isPresent() && !NAMESPACE.matcher(namespace.get()).matches()) {
            problems.add(namespaceField, "must be a valid namespace name (lower-case letters, digits and '-',"
                    + " at most 63 characters)");
            namespace = Optional.empty();
        }
        return new References(cluster, user, namespace.orElse(null));
    }

    private static Optional<String> required(String name, ObjectNode body, String key, Problems problems) {
        String field = Fields.entryField(ContextSelector.LIST, name, key);
        return EntryChecks.requiredString(body, key, field, "the name of the " + key + " entry this context uses",
                problems);
    }
}
