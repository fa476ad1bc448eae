package io.berth.template.internal.render;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.berth.template.TemplateProblem;
import io.berth.template.internal.parse.Markers;
import tools.jackson.databind.JsonNode;

/**
 * The rules every manifest follows: a non-empty apiVersion and kind, a metadata mapping whose name
 * is a DNS-1123 subdomain and whose namespace, if any, is a DNS-1123 label, and no two manifests
 * with the same group, kind, namespace and name.
 *
 * <p>On a template (with {@link Markers}) a value that is entirely a placeholder is not checked, and
 * the rest of a partly-placeholder value is checked with {@code x} standing for each placeholder.
 */
public final class ManifestRules {

    private final Markers markers;

    /** Rules for templates, whose values may still hold markers. */
    public static ManifestRules forTemplate(Markers markers) {
        return new ManifestRules(markers);
    }

    /** Rules for rendered manifests. */
    public static ManifestRules forRendered() {
        return new ManifestRules(null);
    }

    private ManifestRules(Markers markers) {
        this.markers = markers;
    }

    /** Checks one document; its identity when apiVersion, kind and name are there. */
    public Optional<ManifestIdentity> check(int index, JsonNode tree, List<TemplateProblem> problems) {
        String apiVersion = requiredText(index, tree, "apiVersion", "$.apiVersion", problems);
        String kind = requiredText(index, tree, "kind", "$.kind", problems);
        JsonNode metadata = tree.get("metadata");
        if (metadata == null || !metadata.isObject()) {
            problems.add(TemplateProblem.inDocument(index, "$.metadata", "metadata is required: a mapping with a name"));
            return Optional.empty();
        }
        String name = requiredText(index, metadata, "name", "$.metadata.name", problems);
        if (name != null && !passes(name, KubernetesNames::isSubdomain)) {
            problems.add(TemplateProblem.inDocument(index, "$.metadata.name", "\"" + display(name)
                    + "\" is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253)"));
        }
        String namespace = optionalNamespace(index, metadata, problems);
        if (apiVersion == null || kind == null || name == null) {
            return Optional.empty();
        }
        return Optional.of(new ManifestIdentity(index, display(apiVersion), display(kind),
                namespace == null ? null : display(namespace), display(name)));
    }

    /** Reports every manifest that has the same group, kind, namespace and name as an earlier one. */
    public static void checkDuplicates(List<ManifestIdentity> identities, List<TemplateProblem> problems) {
        Map<String, ManifestIdentity> seen = new HashMap<>();
        for (ManifestIdentity identity : identities) {
            ManifestIdentity first = seen.putIfAbsent(identity.duplicateKey(), identity);
            if (first != null) {
                problems.add(TemplateProblem.inDocument(identity.index(), "$.metadata.name",
                        identity.kind() + " \"" + identity.name() + "\" is already defined by document "
                                + first.index() + " (same kind, namespace and name)"));
            }
        }
    }

    private String optionalNamespace(int index, JsonNode metadata, List<TemplateProblem> problems) {
        JsonNode namespace = metadata.get("namespace");
        if (namespace == null || namespace.isNull()) {
            return null;
        }
        if (!namespace.isString() || !passes(namespace.stringValue(), KubernetesNames::isLabel)) {
            problems.add(TemplateProblem.inDocument(index, "$.metadata.namespace", "\"" + display(namespace.asString())
                    + "\" is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)"));
            return null;
        }
        return namespace.stringValue();
    }

    private String requiredText(int index, JsonNode parent, String field, String path, List<TemplateProblem> problems) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            problems.add(TemplateProblem.inDocument(index, path, field + " is required (a non-empty string)"));
            return null;
        }
        return value.stringValue();
    }

    private boolean passes(String text, java.util.function.Predicate<String> rule) {
        if (markers == null) {
            return rule.test(text);
        }
        return markers.isWholeMarker(text) || rule.test(markers.sample(text));
    }

    private String display(String text) {
        return markers == null ? text : markers.display(text);
    }
}
