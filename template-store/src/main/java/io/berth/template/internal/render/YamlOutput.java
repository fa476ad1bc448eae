package io.berth.template.internal.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.berth.template.RenderedManifest;
import io.berth.template.RenderedManifests;
import io.berth.template.internal.json.Mappers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes rendered documents in apply order as one YAML text, each document serialised with the
 * fixed configuration of {@link Mappers#yaml()} and separated by {@code ---} lines.
 */
public final class YamlOutput {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private YamlOutput() {
    }

    /** A rendered document and its identity. */
    public record Document(ManifestIdentity identity, ObjectNode tree) {
    }

    public static RenderedManifests write(List<Document> documents) {
        List<Document> ordered = new ArrayList<>(documents);
        ordered.sort((a, b) -> ApplyOrder.COMPARATOR.compare(a.identity(), b.identity()));
        List<RenderedManifest> manifests = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (Document document : ordered) {
            String yaml = Mappers.yaml().writeValueAsString(document.tree());
            if (!all.isEmpty()) {
                all.append("---\n");
            }
            all.append(yaml);
            ManifestIdentity id = document.identity();
            Map<String, Object> object = Mappers.json().convertValue(document.tree(), MAP);
            manifests.add(new RenderedManifest(id.index(), id.apiVersion(), id.kind(), id.namespace(), id.name(),
                    Collections.unmodifiableMap(object), yaml));
        }
        return new RenderedManifests(manifests, all.toString());
    }
}
