package io.berth.engine.watch;

import java.util.Objects;

/** One kind of object a cluster watch follows, as its objects name it ({@code apps/v1}, {@code StatefulSet}). */
public record WatchedKind(String apiVersion, String kind) {

    public static final WatchedKind POD = new WatchedKind("v1", "Pod");

    public WatchedKind {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
        return kind + "." + apiVersion;
    }
}
