package io.berth.template;

import java.util.List;

/**
 * The result of a render: the manifests in apply order, and all of them as one YAML text whose
 * documents are separated by {@code ---} lines. The same content and values always give the same
 * bytes.
 */
public record RenderedManifests(List<RenderedManifest> manifests, String yaml) {

    public RenderedManifests {
        manifests = List.copyOf(manifests);
    }
}
