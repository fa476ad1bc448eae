package io.berth.server.status;

/** One target: an application in one namespace of one cluster. */
public record TargetKey(String cluster, String namespace, String application) {

    @Override
    public String toString() {
        return application + " on " + cluster + "/" + namespace;
    }
}
