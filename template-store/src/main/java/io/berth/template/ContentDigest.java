package io.berth.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;

import io.berth.template.internal.json.CanonicalJson;
import io.berth.template.internal.json.Mappers;
import io.berth.template.internal.parse.DocumentSplitter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The digest of a version's content, {@code sha256:<64 hex digits>}, over a canonical JSON form:
 * the documents text (line endings as {@code \n}), the schema and the defaults with object keys
 * sorted, and the hints sorted by apiVersion and kind. Reordering keys of the schema or the
 * defaults, or reordering hints, keeps the digest; any other change changes it.
 */
public final class ContentDigest {

    private static final String FORMAT = "berth.simple/v1";

    private ContentDigest() {
    }

    public static String of(SimpleContent content) {
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("format", FORMAT);
        canonical.put("documents", DocumentSplitter.normalise(content.documents()));
        canonical.set("parametersSchema", schemaTree(content.parametersSchemaJson()));
        canonical.set("defaults", CanonicalJson.sortedTree(content.defaults()));
        canonical.set("hints", hints(content));
        return "sha256:" + sha256(CanonicalJson.write(canonical));
    }

    /**
     * The digest of a {@code Helm} version: {@code sha256:} of the chart archive's bytes as published,
     * so the same archive always has the same digest (a chart packaged again may differ, since a
     * {@code .tgz} records times).
     */
    public static String of(HelmContent content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.chartArchive()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static JsonNode schemaTree(String json) {
        try {
            return Mappers.json().readTree(json);
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.stringNode(json);
        }
    }

    private static ArrayNode hints(SimpleContent content) {
        ArrayNode hints = JsonNodeFactory.instance.arrayNode();
        content.hints().stream()
                .sorted(Comparator.comparing((WorkloadHint h) -> String.valueOf(h.apiVersion()))
                        .thenComparing(h -> String.valueOf(h.kind())))
                .forEach(h -> hints.add(CanonicalJson.sortedTree(h)));
        return hints;
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
