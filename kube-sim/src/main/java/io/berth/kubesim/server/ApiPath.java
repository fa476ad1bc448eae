package io.berth.kubesim.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kubernetes API path taken apart: {@code /api/v1/namespaces/web/pods/web-0/status?x=y} or
 * {@code /apis/apps/v1/namespaces/web/statefulsets/web/scale}. Paths that are not resource paths
 * (discovery, /version) have a null resource.
 *
 * @param group       "" for the core group
 * @param namespace   null for cluster-scoped requests
 * @param name        null for collections
 * @param subresource status, scale, ... or null
 */
record ApiPath(String raw, String path, Map<String, String> query, String group, String version, String namespace,
               String resource, String name, String subresource) {

    static ApiPath parse(String raw) {
        int q = raw.indexOf('?');
        String path = q < 0 ? raw : raw.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : parseQuery(raw.substring(q + 1));
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        int i;
        String group;
        String version;
        if (parts.length >= 2 && parts[0].equals("api")) {
            group = "";
            version = parts[1];
            i = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            group = parts[1];
            version = parts[2];
            i = 3;
        } else {
            return new ApiPath(raw, path, query, null, null, null, null, null, null);
        }
        String namespace = null;
        if (parts.length > i + 1 && parts[i].equals("namespaces") && parts.length > i + 2) {
            namespace = parts[i + 1];
            i += 2;
        }
        String resource = parts.length > i ? parts[i] : null;
        String name = parts.length > i + 1 ? parts[i + 1] : null;
        String sub = parts.length > i + 2 ? parts[i + 2] : null;
        return new ApiPath(raw, path, query, group, version, namespace, resource, name, sub);
    }

    boolean isResource() {
        return resource != null;
    }

    /** "apps/v1", or "v1" for the core group. */
    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The path of the object itself (no subresource, no query). */
    String objectPath() {
        return collectionPath() + "/" + name;
    }

    /** The path of the collection holding the object. */
    String collectionPath() {
        String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        return base + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + resource;
    }

    /** The same path with the query rebuilt from the given parameters. */
    String withQuery(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path).append('?');
        parameters.forEach((k, v) -> out.append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return out.substring(0, out.length() - 1);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }
}
