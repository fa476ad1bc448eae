package io.berth.template.internal.render;

/**
 * What identifies a manifest to Kubernetes. In a template (before rendering) the fields show
 * placeholders as {@code {{ name }}}.
 *
 * @param index     index of the document
 * @param namespace {@code metadata.namespace}, or {@code null} when absent
 */
public record ManifestIdentity(int index, String apiVersion, String kind, String namespace, String name) {

    /** The API group: the part of apiVersion before {@code /}, empty for the core group ({@code v1}). */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    String duplicateKey() {
        return group() + "\u0000" + kind + "\u0000" + (namespace == null ? "" : namespace) + "\u0000" + name;
    }
}
