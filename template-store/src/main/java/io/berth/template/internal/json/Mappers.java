package io.berth.template.internal.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The mappers of the template store, configured once. Both are thread-safe.
 *
 * <p>YAML is read with anchors and aliases replayed (an alias becomes a copy of its anchor, never
 * the alias name as text) and with duplicate keys refused. YAML is written without {@code ---}
 * markers (the caller writes separators), without line folding, with multi-line strings as literal
 * blocks and with every string quoted unless {@link ConservativeQuoting} finds it safe as a plain
 * scalar for YAML 1.1 and 1.2 readers alike.
 */
public final class Mappers {

    private static final YAMLMapper YAML = YAMLMapper.builder(yamlFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Mappers() {
    }

    public static YAMLMapper yaml() {
        return YAML;
    }

    public static JsonMapper json() {
        return JSON;
    }

    private static YAMLFactory yamlFactory() {
        return YAMLAnchorReplayingFactory.builder()
                .stringQuotingChecker(new ConservativeQuoting())
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .disable(YAMLWriteFeature.SPLIT_LINES)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
                .build();
    }
}
