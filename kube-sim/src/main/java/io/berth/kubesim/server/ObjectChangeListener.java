package io.berth.kubesim.server;

/** Told about every object a request created, changed or deleted; the controllers enqueue work from it. */
@FunctionalInterface
public interface ObjectChangeListener {

    /**
     * @param group     "" for the core group
     * @param resource  plural, such as statefulsets
     * @param namespace null for cluster-scoped objects
     */
    void changed(String group, String resource, String namespace, String name);
}
