package io.berth.cluster.internal.kubeconfig;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * Picks the context Berth will use: the requested one, else {@code current-context}, else the only one.
 * Context names are not secret, so problems list the available ones to help the caller choose.
 */
final class ContextSelector {

    static final String LIST = "contexts";

    private ContextSelector() {
    }

    /** The selected context's name, or empty after a {@code context} problem. */
    static Optional<String> select(ObjectNode kubeconfig, NamedEntries contexts, String requestedContext,
                                   Problems problems) {
        List<String> names = contexts.names();
        if (requestedContext != null && !requestedContext.isBlank()) {
            return existing(requestedContext, "context", names, "", problems);
        }
        JsonNode current = kubeconfig.get("current-context");
        if (current != null && !current.isNull() && !current.isString()) {
            problems.add(Fields.CONTEXT, "current-context must be a string");
            return Optional.empty();
        }
        if (current != null && current.isString() && !current.stringValue().isEmpty()) {
            return existing(current.stringValue(), "current-context", names, "; choose one with `context`", problems);
        }
        if (names.size() == 1) {
            return Optional.of(names.get(0));
        }
        problems.add(Fields.CONTEXT, names.isEmpty()
                ? "kubeconfig has no contexts; add one that names a cluster and a user"
                : "kubeconfig has " + names.size() + " contexts and no current-context; choose one with `context`");
        return Optional.empty();
    }

    private static Optional<String> existing(String name, String label, List<String> names, String hint,
                                             Problems problems) {
        if (names.contains(name)) {
            return Optional.of(name);
        }
        problems.add(Fields.CONTEXT, label + " '" + name + "' is not in the kubeconfig; it has: "
                + (names.isEmpty() ? "no contexts" : String.join(", ", names)) + hint);
        return Optional.empty();
    }
}
