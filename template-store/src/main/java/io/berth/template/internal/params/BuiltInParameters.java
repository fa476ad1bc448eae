package io.berth.template.internal.params;

import java.util.Optional;

import io.berth.template.BuiltIns;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The {@code berth.*} names and their values. {@code berth} itself is reserved for them. */
public final class BuiltInParameters {

    public static final String RESERVED = "berth";
    private static final String LABELS = "berth.clusterLabels.";

    private BuiltInParameters() {
    }

    public static boolean isBuiltInName(String name) {
        return name.equals("berth.application") || name.equals("berth.namespace") || name.equals("berth.cluster")
                || (name.startsWith(LABELS) && name.length() > LABELS.length());
    }

    public static boolean isReserved(String name) {
        return name.equals(RESERVED) || name.startsWith(RESERVED + ".");
    }

    /** The value of a built-in name; empty when the cluster has no such label. */
    public static Optional<JsonNode> valueOf(String name, BuiltIns builtIns) {
        String text = switch (name) {
            case "berth.application" -> builtIns.application();
            case "berth.namespace" -> builtIns.namespace();
            case "berth.cluster" -> builtIns.cluster();
            default -> builtIns.clusterLabels().get(name.substring(LABELS.length()));
        };
        return Optional.ofNullable(text).map(JsonNodeFactory.instance::stringNode);
    }
}
