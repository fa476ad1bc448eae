package io.berth.template.internal.params;

import java.util.Optional;

import io.berth.template.BuiltIns;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The {@code berth.*} names and their values. {@code berth} itself is reserved for them. */
public final class BuiltInParameters {

    public static final String RESERVED = "berth";
    private static final String LABELS = "berth.clusterLabels.";
    private static final String BACKUP = "berth.backup.";

    private BuiltInParameters() {
    }

    public static boolean isBuiltInName(String name) {
        return name.equals("berth.application") || name.equals("berth.namespace") || name.equals("berth.cluster")
                || (name.startsWith(LABELS) && name.length() > LABELS.length());
    }

    /** {@code berth.backup.<name>}: known only to the templates of a backup declaration. */
    public static boolean isBackupName(String name) {
        return name.startsWith(BACKUP) && BuiltIns.BACKUP_NAMES.contains(name.substring(BACKUP.length()));
    }

    public static boolean isReserved(String name) {
        return name.equals(RESERVED) || name.startsWith(RESERVED + ".");
    }

    /** The value of a built-in name; empty when the cluster has no such label. */
    public static Optional<JsonNode> valueOf(String name, BuiltIns builtIns) {
        if (isBackupName(name)) {
            return Optional.ofNullable(builtIns.backup().get(name.substring(BACKUP.length()))).map(BuiltInParameters::node);
        }
        String text = switch (name) {
            case "berth.application" -> builtIns.application();
            case "berth.namespace" -> builtIns.namespace();
            case "berth.cluster" -> builtIns.cluster();
            default -> builtIns.clusterLabels().get(name.substring(LABELS.length()));
        };
        return Optional.ofNullable(text).map(JsonNodeFactory.instance::stringNode);
    }

    private static JsonNode node(Object value) {
        if (value instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        }
        if (value instanceof Number n) {
            return JsonNodeFactory.instance.numberNode(n.longValue());
        }
        return JsonNodeFactory.instance.stringNode(value.toString());
    }
}
