package io.berth.server.templates;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.ApiTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers of the template API tests: the example templates shipped in template-store, sets and versions. */
abstract class TemplateTestBase extends ApiTestBase {

    protected static final String SETS = "/api/v1/template-sets";

    /** The content of an example (nginx-web, etcd-cluster) as a publish request's {@code content}. */
    protected static Map<String, Object> example(String name) {
        String base = "/seeds/" + name + "/";
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("documents", resource(base + "documents.yaml"));
        content.put("parametersSchema", Api.JSON.readValue(resource(base + "parameters.schema.json"), Map.class));
        content.put("defaults", Api.JSON.readValue(resource(base + "defaults.json"), Map.class));
        content.put("hints", Api.JSON.readValue(resource(base + "hints.json"), java.util.List.class));
        return content;
    }

    /** A content with the given documents and a schema declaring the given properties (JSON of "properties"). */
    protected static Map<String, Object> content(String documents, String propertiesJson) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("documents", documents);
        content.put("parametersSchema", Api.JSON.readValue("{\"type\":\"object\",\"properties\":" + propertiesJson + "}", Map.class));
        return content;
    }

    protected static String configMap(String name, String dataLines) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + dataLines;
    }

    /** Creates a set (as admin) and returns its name. */
    protected String createSet(String name, Map<String, String> labels, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("labels", labels);
        body.put("description", description);
        Api.Reply reply = api.post(SETS, ADMIN_TOKEN, body);
        if (reply.status() != 201) {
            throw new IllegalStateException("could not create template set: " + reply);
        }
        return name;
    }

    protected String createSet(String prefix) {
        return createSet(unique(prefix), Map.of(), null);
    }

    protected Api.Reply publish(String set, String version, Map<String, Object> content) {
        return api.post(SETS + "/" + set + "/versions", ADMIN_TOKEN,
                Map.of("version", version, "changelog", "version " + version, "content", content));
    }

    protected void published(String set, String version, Map<String, Object> content) {
        Api.Reply reply = publish(set, version, content);
        if (reply.status() != 201) {
            throw new IllegalStateException("could not publish " + set + " " + version + ": " + reply);
        }
    }

    private static String resource(String path) {
        try (InputStream in = TemplateTestBase.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
