package io.berth.kubesim.server;

import tools.jackson.databind.JsonNode;

/** Told about every object a request created, changed or deleted; the controllers enqueue work from it. */
@FunctionalInterface
public interface ObjectChangeListener {

    /**
     * @param group     "" for the core group
     * @param resource  plural, such as statefulsets
     * @param namespace null for cluster-scoped objects
     */
    void changed(String group, String resource, String namespace, String name);

    /**
     * An object was deleted; {@code object} is the object as it was (a null node when the server gave
     * none back). Its owner must hear of it even when no controller ever saw the object (made and deleted
     * between two of their looks), as the real controllers do from the object an informer hands them on a
     * delete. By default, a change like any other.
     */
    default void deleted(String group, String resource, String namespace, String name, JsonNode object) {
        changed(group, resource, namespace, name);
    }
}
