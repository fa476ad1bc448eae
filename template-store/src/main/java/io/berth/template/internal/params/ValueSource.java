package io.berth.template.internal.params;

/** Resolves placeholder names (dotted, e.g. {@code nested.name} or {@code berth.cluster}). */
@FunctionalInterface
public interface ValueSource {

    Lookup lookup(String name);
}
