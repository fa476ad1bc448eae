package io.berth.server.applications;

/** One object Berth applied on a target; namespace null for cluster-scoped objects. */
public record AppliedObject(String apiVersion, String kind, String namespace, String name) {
}
