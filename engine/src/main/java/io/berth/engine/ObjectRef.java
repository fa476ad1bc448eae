package io.berth.engine;

import java.util.Objects;

/**
 * Identity of one object Berth applied.
 *
 * @param apiVersion e.g. {@code apps/v1}
 * @param kind       e.g. {@code StatefulSet}
 * @param namespace  {@code null} for cluster-scoped objects
 * @param name       {@code metadata.name}
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    public ObjectRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** The API group: {@code ""} for the core group ({@code v1}). */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /**
     * Whether both name the same object whatever the version of its API: an object applied as
     * {@code v1beta1} and later as {@code v1} is one object to the cluster.
     */
    public boolean sameObjectAs(ObjectRef other) {
        return group().equals(other.group()) && kind.equals(other.kind) && Objects.equals(namespace, other.namespace)
                && name.equals(other.name);
    }

    /** {@code Kind/name}, as messages name an object. */
    public String describe() {
        return kind + "/" + name;
    }

    @Override
    public String toString() {
        return namespace == null ? describe() : describe() + " in namespace " + namespace;
    }
}
