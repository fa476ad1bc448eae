package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents kubectl and clients read before anything else: /version, /api, /apis and
 * the resource list of each group version. Built-in kinds come from a fixed table; custom resources
 * from the CRDs in the store, so a CRD created at run time shows up at once.
 */
final class Discovery {

    /** A resource the simulator serves: its plural, kind, scope and subresources. */
    record Resource(String group, String version, String plural, String kind, boolean namespaced, List<String> subresources,
                    List<String> shortNames) {
    }

    private static final List<Resource> BUILT_IN = List.of(
            new Resource("", "v1", "namespaces", "Namespace", false, List.of("status"), List.of("ns")),
            new Resource("", "v1", "nodes", "Node", false, List.of("status"), List.of("no")),
            new Resource("", "v1", "pods", "Pod", true, List.of("status"), List.of("po")),
            new Resource("", "v1", "services", "Service", true, List.of("status"), List.of("svc")),
            new Resource("", "v1", "configmaps", "ConfigMap", true, List.of(), List.of("cm")),
            new Resource("", "v1", "secrets", "Secret", true, List.of(), List.of()),
            new Resource("", "v1", "serviceaccounts", "ServiceAccount", true, List.of(), List.of("sa")),
            new Resource("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, List.of("status"), List.of("pvc")),
            new Resource("", "v1", "events", "Event", true, List.of(), List.of("ev")),
            new Resource("apps", "v1", "statefulsets", "StatefulSet", true, List.of("status", "scale"), List.of("sts")),
            new Resource("apps", "v1", "deployments", "Deployment", true, List.of("status", "scale"), List.of("deploy")),
            new Resource("apps", "v1", "replicasets", "ReplicaSet", true, List.of("status", "scale"), List.of("rs")),
            new Resource("apps", "v1", "controllerrevisions", "ControllerRevision", true, List.of(), List.of()),
            new Resource("rbac.authorization.k8s.io", "v1", "roles", "Role", true, List.of(), List.of()),
            new Resource("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, List.of(), List.of()),
            new Resource("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, List.of(), List.of()),
            new Resource("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, List.of(), List.of()),
            new Resource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, List.of("status"), List.of("pdb")),
            new Resource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
                    List.of("status"), List.of("crd", "crds")));

    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private final Store store;
    private final String gitVersion;

    Discovery(Store store, String gitVersion) {
        this.store = store;
        this.gitVersion = gitVersion;
    }

    /** The discovery response for the path, or null when the path is not a discovery path. */
    MockResponse answer(String path) {
        if (path.equals("/version")) {
            return version();
        }
        if (path.equals("/api")) {
            ObjectNode versions = Store.JSON.createObjectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", "127.0.0.1");
            return Responses.json(200, versions.toString());
        }
        if (path.equals("/apis")) {
            return groupList();
        }
        if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody("ok");
        }
        if (path.equals("/openapi/v3")) {
            return openApiRoot();
        }
        if (path.startsWith("/openapi/v3/")) {
            return openApiGroupVersion(path.substring("/openapi/v3/".length()));
        }
        ApiPath api = ApiPath.parse(path);
        if (api.group() != null && api.resource() == null) {
            List<Resource> resources = resources().stream()
                    .filter(r -> r.group().equals(api.group()) && r.version().equals(api.version())).toList();
            return resources.isEmpty() ? notFound() : resourceList(api.apiVersion(), resources);
        }
        if (api.group() == null) {
            // /apis/{group}; anything else that is not a resource path (/openapi/v2 among them) does not exist here
            String[] parts = path.replaceAll("^/+|/+$", "").split("/");
            List<String> versions = parts.length == 2 && parts[0].equals("apis") ? groupVersions().get(parts[1]) : null;
            return versions == null ? notFound() : Responses.json(200, group(parts[1], versions).put("kind", "APIGroup").put("apiVersion", "v1").toString());
        }
        return null;
    }

    /** Every resource served now: the built-in ones and those of the CRDs in the store. */
    List<Resource> resources() {
        List<Resource> all = new ArrayList<>(BUILT_IN);
        all.addAll(customResources());
        return all;
    }

    /** The resource for a group and plural, built-in or custom, or null. */
    Resource find(String group, String plural) {
        // the built-in table first: only a custom resource needs the CRDs read from the store
        return BUILT_IN.stream().filter(r -> r.group().equals(group) && r.plural().equals(plural)).findFirst()
                .orElseGet(() -> customResources().stream().filter(r -> r.group().equals(group) && r.plural().equals(plural))
                        .findFirst().orElse(null));
    }

    static boolean isBuiltIn(String group, String plural) {
        return BUILT_IN.stream().anyMatch(r -> r.group().equals(group) && r.plural().equals(plural));
    }

    private List<Resource> customResources() {
        JsonNode crds = store.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions").json().path("items");
        List<Resource> out = new ArrayList<>();
        for (JsonNode crd : crds) {
            JsonNode spec = crd.path("spec");
            for (JsonNode version : spec.path("versions")) {
                if (!version.path("served").asBoolean(true)) {
                    continue;
                }
                List<String> subresources = new ArrayList<>();
                version.path("subresources").propertyNames().forEach(subresources::add);
                List<String> shortNames = new ArrayList<>();
                spec.path("names").path("shortNames").forEach(n -> shortNames.add(n.asString()));
                out.add(new Resource(spec.path("group").asString(), version.path("name").asString(),
                        spec.path("names").path("plural").asString(), spec.path("names").path("kind").asString(),
                        !"Cluster".equals(spec.path("scope").asString()), subresources, shortNames));
            }
        }
        return out;
    }

    private MockResponse version() {
        String[] parts = gitVersion.replaceFirst("^v", "").split("\\.");
        ObjectNode version = Store.JSON.createObjectNode()
                .put("major", parts[0]).put("minor", parts.length > 1 ? parts[1] : "0")
                .put("gitVersion", gitVersion).put("gitCommit", "kube-sim").put("gitTreeState", "clean")
                .put("buildDate", "2026-01-01T00:00:00Z").put("goVersion", "kube-sim").put("compiler", "kube-sim")
                .put("platform", "linux/amd64");
        return Responses.json(200, version.toString());
    }

    /** Each API group with its versions, the preferred one first. */
    private Map<String, List<String>> groupVersions() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Resource r : resources()) {
            if (!r.group().isEmpty()) {
                List<String> versions = groups.computeIfAbsent(r.group(), g -> new ArrayList<>());
                if (!versions.contains(r.version())) {
                    versions.add(r.version());
                }
            }
        }
        return groups;
    }

    private MockResponse groupList() {
        ObjectNode list = Store.JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode items = list.putArray("groups");
        groupVersions().forEach((group, versions) -> items.add(group(group, versions)));
        return Responses.json(200, list.toString());
    }

    private static ObjectNode group(String group, List<String> versions) {
        ObjectNode g = Store.JSON.createObjectNode().put("name", group);
        ArrayNode vs = g.putArray("versions");
        versions.forEach(v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
        g.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
        return g;
    }

    /**
     * The OpenAPI v3 index: one document per group version. kubectl reads it before {@code apply} and
     * {@code create} to learn whether the server validates fields itself.
     */
    private MockResponse openApiRoot() {
        ObjectNode root = Store.JSON.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        for (Resource r : resources()) {
            String key = r.group().isEmpty() ? "api/" + r.version() : "apis/" + r.group() + "/" + r.version();
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key);
        }
        return Responses.json(200, root.toString());
    }

    /**
     * A minimal OpenAPI v3 document for a group version: no schemas, only each object's PATCH operation
     * with its kind and the fieldValidation parameter. That is what kubectl looks for: finding it, it
     * leaves validation to the server (which here accepts any fields) instead of fetching
     * {@code /openapi/v2}, which kube-sim does not serve.
     */
    private MockResponse openApiGroupVersion(String groupVersionPath) {
        String[] parts = groupVersionPath.split("/");
        String group = parts.length == 2 && parts[0].equals("api") ? "" : parts.length == 3 && parts[0].equals("apis") ? parts[1] : null;
        String version = parts[parts.length - 1];
        List<Resource> resources = group == null ? List.of()
                : resources().stream().filter(r -> r.group().equals(group) && r.version().equals(version)).toList();
        if (resources.isEmpty()) {
            return notFound();
        }
        ObjectNode doc = Store.JSON.createObjectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", gitVersion);
        ObjectNode paths = doc.putObject("paths");
        for (Resource r : resources) {
            String path = "/" + groupVersionPath + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural() + "/{name}";
            ObjectNode patch = paths.putObject(path).putObject("patch");
            patch.putObject("x-kubernetes-group-version-kind").put("group", r.group()).put("version", r.version()).put("kind", r.kind());
            patch.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
                    .putObject("schema").put("type", "string");
            patch.putObject("responses").putObject("200").put("description", "OK");
        }
        return Responses.json(200, doc.toString());
    }

    private static MockResponse notFound() {
        return Responses.status(404, "NotFound", "the server could not find the requested resource");
    }

    private static MockResponse resourceList(String groupVersion, List<Resource> resources) {
        ObjectNode list = Store.JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode items = list.putArray("resources");
        for (Resource r : resources) {
            ObjectNode item = items.addObject().put("name", r.plural()).put("singularName", r.kind().toLowerCase())
                    .put("namespaced", r.namespaced()).put("kind", r.kind());
            VERBS.forEach(item.putArray("verbs")::add);
            if (!r.shortNames().isEmpty()) {
                r.shortNames().forEach(item.putArray("shortNames")::add);
            }
            for (String sub : r.subresources()) {
                ObjectNode subItem = items.addObject().put("name", r.plural() + "/" + sub).put("singularName", "")
                        .put("namespaced", r.namespaced()).put("kind", sub.equals("scale") ? "Scale" : r.kind());
                List.of("get", "patch", "update").forEach(subItem.putArray("verbs")::add);
                if (sub.equals("scale")) {
                    subItem.put("group", "autoscaling").put("version", "v1");
                }
            }
        }
        return Responses.json(200, list.toString());
    }
}
