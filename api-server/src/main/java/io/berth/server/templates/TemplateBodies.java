package io.berth.server.templates;

import io.berth.server.web.Names;
import io.berth.template.ContentKind;
import io.berth.template.RenderedManifest;
import io.berth.template.RenderedManifests;
import io.berth.template.TemplateSet;
import io.berth.template.WorkloadHint;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the template endpoints. */
final class TemplateBodies {

    private TemplateBodies() {
    }

    /**
     * @param project the project the set belongs to; {@code default} when absent
     * @param shared  whether every project may deploy it (the projects' own {@code templateSets} patterns
     *                may narrow that); only its own project when absent or false
     */
    record CreateTemplateSet(
            @NotNull @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
            @Size(max = 2048) String description,
            Map<String, String> labels,
            @Size(max = Names.MAX_LENGTH) String project,
            Boolean shared) {
    }

    /**
     * A template set's description, labels and sharing, the document a PATCH (JSON Merge Patch, RFC 7386)
     * applies to: fields left out stay, null removes one, labels merge key by key and a null label
     * value removes that label.
     */
    record UpdateTemplateSet(
            @Size(max = 2048) String description,
            Map<String, String> labels,
            Boolean shared) {

        static UpdateTemplateSet of(TemplateSet set) {
            return new UpdateTemplateSet(set.description(), set.labels(), set.shared());
        }
    }

    /**
     * @param version   a semantic version such as 1.2.0 or 2.0.0-rc.1; never reused in the set
     * @param changelog one line saying what changed
     */
    record PublishTemplateVersion(
            @NotBlank @Size(max = 128) String version,
            @Size(max = 2048) String changelog,
            @NotNull @Valid TemplateContent content) {
    }

    /**
     * The form that publishes a Helm version, as the OpenAPI document shows it. Spring binds its parts one
     * by one (see the controller), so that every missing or invalid part is listed in one 422.
     *
     * @param version   a semantic version such as 1.1.0; never reused in the set
     * @param changelog one line saying what changed
     * @param chart     the chart archive (.tgz, as helm package writes it), as it is
     */
    @Schema(requiredProperties = {"version", "chart"})
    record HelmChartForm(
            @Schema(description = "A semantic version such as 1.1.0; never reused in the set", example = "1.1.0")
            String version,
            @Schema(description = "One line saying what changed", example = "nginx 1.28, three replicas by default")
            String changelog,
            @Schema(type = "string", format = "binary", description = "The chart archive (.tgz, as helm package writes it)")
            String chart) {
    }

    /**
     * A version's content. In a publish request {@code kind} may be left out: then it is Simple.
     * Simple content has {@code documents} (required), {@code parametersSchema}, {@code defaults} and
     * {@code hints}; Helm content has only {@code chart}.
     *
     * @param chart            Helm: the chart archive (.tgz, as helm package writes it), base64-encoded;
     *                         its values.schema.json is the parameters schema, its values.yaml the defaults
     * @param documents        Simple: one or more YAML documents separated by --- lines, with {{ name }} placeholders
     * @param parametersSchema JSON Schema of the parameter values (draft 2020-12 unless $schema says otherwise)
     * @param defaults         default values, over the schema's own defaults
     * @param hints            per-workload hints: how to scale a kind and how to judge its health
     */
    record TemplateContent(
            ContentKind kind,
            String documents,
            Map<String, Object> parametersSchema,
            Map<String, Object> defaults,
            List<WorkloadHint> hints,
            String chart) {

        static TemplateContent helm(String chartBase64) {
            return new TemplateContent(ContentKind.Helm, null, null, null, null, chartBase64);
        }
    }

    /**
     * Values and built-ins of a preview render.
     *
     * @param values      parameter values; an explicit null removes a default
     * @param cluster     berth.cluster (default "preview"); when a registered cluster has this name,
     *                    its labels become berth.clusterLabels.*
     * @param namespace   berth.namespace (default "default")
     * @param application berth.application (default "preview")
     */
    record RenderRequest(
            Map<String, Object> values,
            @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String cluster,
            @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String namespace,
            @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String application) {
    }

    /**
     * @param manifests the rendered objects in apply order
     * @param yaml      all of them as one YAML text, documents separated by --- lines; byte-for-byte the
     *                  same for the same version, values and built-ins
     */
    record RenderResult(List<RenderedObject> manifests, String yaml) {

        static RenderResult of(RenderedManifests rendered) {
            return new RenderResult(rendered.manifests().stream().map(RenderedObject::of).toList(), rendered.yaml());
        }
    }

    /** One rendered Kubernetes object; namespace is null when the template leaves it to the target. */
    record RenderedObject(String apiVersion, String kind, String namespace, String name, Map<String, Object> object) {

        static RenderedObject of(RenderedManifest m) {
            return new RenderedObject(m.apiVersion(), m.kind(), m.namespace(), m.name(), m.object());
        }
    }
}
