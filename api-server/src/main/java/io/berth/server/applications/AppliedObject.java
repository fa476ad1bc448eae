package io.berth.server.applications;

import io.berth.engine.ObjectRef;

/** One object Berth applied on a target; namespace null for cluster-scoped objects. */
public record AppliedObject(String apiVersion, String kind, String namespace, String name) {

    /** The same object as the engine names it. */
    public ObjectRef ref() {
        return new ObjectRef(apiVersion, kind, namespace, name);
    }
}
