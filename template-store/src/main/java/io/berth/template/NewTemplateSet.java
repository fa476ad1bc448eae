package io.berth.template;

import java.util.Map;
import java.util.UUID;

/**
 * A template set to create. The name is a DNS-1123 label and the labels follow the Kubernetes label
 * rules; the caller checks both (the HTTP API does, with the same rules as for clusters). The project is
 * the caller's (the HTTP API's): this module keeps its id only.
 */
public record NewTemplateSet(String name, String description, Map<String, String> labels, UUID projectId, boolean shared,
                             String createdBy) {
}
