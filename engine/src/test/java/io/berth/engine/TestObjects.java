package io.berth.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small object trees for the tests, shaped as the renderer returns them. */
public final class TestObjects {

    private TestObjects() {
    }

    public static Map<String, Object> object(String apiVersion, String kind, String name, Map<String, Object> rest) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        object.putAll(rest);
        return object;
    }

    public static Map<String, Object> configMap(String name) {
        return object("v1", "ConfigMap", name, Map.of("data", Map.of("greeting", "hello")));
    }

    /** A CRD of group test.berth.io; {@code scale} says whether v1 declares the scale subresource. */
    public static Map<String, Object> crd(String plural, String kind, String scope, boolean scale) {
        Map<String, Object> subresources = scale
                ? Map.of("status", Map.of(), "scale", Map.of("specReplicasPath", ".spec.size", "statusReplicasPath", ".status.size"))
                : Map.of("status", Map.of());
        Map<String, Object> version = Map.of("name", "v1", "served", true, "storage", true, "subresources", subresources,
                "schema", Map.of("openAPIV3Schema", Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true)));
        Map<String, Object> spec = Map.of("group", "test.berth.io", "scope", scope,
                "names", Map.of("plural", plural, "singular", kind.toLowerCase(), "kind", kind),
                "versions", List.of(version));
        return object("apiextensions.k8s.io/v1", "CustomResourceDefinition", plural + ".test.berth.io", Map.of("spec", spec));
    }

    public static Map<String, Object> custom(String kind, String name, int size) {
        return object("test.berth.io/v1", kind, name, Map.of("spec", new LinkedHashMap<>(Map.of("size", size))));
    }
}
