package io.berth.cluster.internal.kubeconfig;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.util.Optional;

/**
 * Reads a kubeconfig into a raw Jackson tree and writes one back.
 *
 * <p>The raw tree (rather than fabric8's typed model) is used so that every key of the input is seen,
 * including ones a typed model would drop or tuck away. Parser messages are never passed on: YAML
 * parsers quote the offending input, which may be a token or a key.
 */
final class KubeconfigYaml {

    // Immutable once built, so one instance serves all threads. Duplicate keys are refused because the
    // tree would silently keep only the last one, and what Berth checks must be what it stores.
    private final YAMLMapper mapper = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The document as a mapping, or empty after adding a {@code kubeconfig} problem. */
    Optional<ObjectNode> parse(String yaml, Problems problems) {
        if (yaml == null || yaml.isBlank()) {
            problems.add(Fields.KUBECONFIG, Problems.notAKubeconfig("the document is empty"));
            return Optional.empty();
        }
        try {
            String structureProblem = checkStructure(yaml);
            if (structureProblem != null) {
                problems.add(Fields.KUBECONFIG, Problems.notAKubeconfig(structureProblem));
                return Optional.empty();
            }
            return asMapping(mapper.readTree(yaml), problems);
        } catch (JacksonException e) {
            problems.add(Fields.KUBECONFIG, Problems.notAKubeconfig("invalid YAML" + where(e)));
        } catch (RuntimeException e) {
            // The YAML engine can throw unwrapped runtime exceptions on odd input; their text is not trusted either.
            problems.add(Fields.KUBECONFIG, Problems.notAKubeconfig("invalid YAML"));
        }
        return Optional.empty();
    }

    String write(ObjectNode kubeconfig) {
        return mapper.writeValueAsString(kubeconfig);
    }

    ObjectNode newMapping() {
        return mapper.createObjectNode();
    }

    /**
     * Streams through the document once before building the tree. Jackson does not expand YAML aliases (it
     * returns the anchor's name as a string), so an alias would silently change a value: refuse them. A second
     * document would be ignored by {@code readTree}: refuse that too rather than check only part of the input.
     */
    private String checkStructure(String yaml) {
        int depth = 0;
        int documents = 0;
        try (JsonParser parser = mapper.createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
                    return "YAML aliases (*name) are not supported" + where(parser.currentTokenLocation())
                            + "; write the value out in full";
                }
                if (depth == 0 && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    documents++;
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            }
        }
        return documents > 1 ? "the input holds " + documents + " YAML documents; submit exactly one" : null;
    }

    private static Optional<ObjectNode> asMapping(JsonNode root, Problems problems) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(Fields.KUBECONFIG, Problems.notAKubeconfig("the document is empty"));
            return Optional.empty();
        }
        if (!(root instanceof ObjectNode mapping)) {
            problems.add(Fields.KUBECONFIG, Problems.notAKubeconfig("the document is not a YAML mapping"));
            return Optional.empty();
        }
        return Optional.of(mapping);
    }

    /** Line and column only: the YAML engine's mark is the most precise, Jackson's location the fallback. */
    private static String where(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
                Mark mark = marked.getProblemMark().get();
                return atLine(mark.getLine() + 1, mark.getColumn() + 1);
            }
        }
        return where(e.getLocation());
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return "";
        }
        return atLine(location.getLineNr(), location.getColumnNr());
    }

    private static String atLine(int line, int column) {
        return column > 0 ? " at line " + line + ", column " + column : " at line " + line;
    }
}
