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
        ApiPath api = ApiPath.parse(path);
        if (api.group() != null && api.resource() == null) {
            List<Resource> resources = resources().stream()
                    .filter(r -> r.group().equals(api.group()) && r.version().equals(api.version())).toList();
            return resources.isEmpty() ? Responses.status(404, "NotFound", "the server could not find the requested resource")
                    : resourceList(api.apiVersion(), resources);
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
        return resources().stream().filter(r -> r.group().equals(group) && r.plural().equals(plural)).findFirst().orElse(null);
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

    private MockResponse groupList() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Resource r : resources()) {
            if (!r.group().isEmpty()) {
                List<String> versions = groups.computeIfAbsent(r.group(), g -> new ArrayList<>());
                if (!versions.contains(r.version())) {
                    versions.add(r.version());
                }
            }
        }
        ObjectNode list = Store.JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode items = list.putArray("groups");
        groups.forEach((group, versions) -> {
            ObjectNode g = items.addObject().put("name", group);
            ArrayNode vs = g.putArray("versions");
            versions.forEach(v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
            g.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
        });
        return Responses.json(200, list.toString());
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
