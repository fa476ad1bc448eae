package io.berth.server.templates;

import io.berth.cluster.ClusterNotFoundException;
import io.berth.cluster.ClusterRegistry;
import io.berth.server.security.Caller;
import io.berth.server.templates.TemplateBodies.HelmChartForm;
import io.berth.server.templates.TemplateBodies.PublishTemplateVersion;
import io.berth.server.templates.TemplateBodies.RenderRequest;
import io.berth.server.templates.TemplateBodies.RenderResult;
import io.berth.server.templates.TemplateBodies.TemplateContent;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.ApiException;
import io.berth.server.web.Cursors;
import io.berth.server.web.FieldProblem;
import io.berth.server.web.ListResponse;
import io.berth.server.web.ProblemType;
import io.berth.template.BuiltIns;
import io.berth.template.ContentKind;
import io.berth.template.HelmContent;
import io.berth.template.NewHelmVersion;
import io.berth.template.NewTemplateVersion;
import io.berth.template.Page;
import io.berth.template.SemVer;
import io.berth.template.SimpleContent;
import io.berth.template.TemplateStore;
import io.berth.template.TemplateVersion;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Versions of a template set. Viewers read, render and diff (a preview touches no cluster);
 * operators publish and delete versions.
 */
@RestController
@RequestMapping("/api/v1/template-sets/{name}/versions")
@Tag(name = "Template versions", description = "Immutable, semver-numbered versions of a template set: publish, read, render, diff")
class TemplateVersionController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final String PREVIEW = "preview";
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final TemplateStore store;
    private final ClusterRegistry clusters;
    private final JsonMapper json;

    TemplateVersionController(TemplateStore store, ClusterRegistry clusters, JsonMapper json) {
        this.store = store;
        this.clusters = clusters;
        this.json = json;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "publishTemplateVersion",
            summary = "Publish a new version; it is validated first and can never be changed afterwards",
            description = "Simple content: `documents` (YAML with `{{ name }}` placeholders), `parametersSchema`, `defaults`,"
                    + " `hints`. Helm content: `{\"kind\": \"Helm\", \"chart\": \"<base64 of the .tgz>\"}`; the archive is"
                    + " checked and linted (422 with every problem, fields `content.chart` or `content.chart/<path>`), its"
                    + " digest is sha256 of the archive bytes. A chart too large for a JSON body is sent as a form to `POST"
                    + " .../versions/upload`. The content is validated in full before anything is stored (422"
                    + " `invalid-template` listing every problem by document and path); once published, a version never"
                    + " changes and its number is never taken again in the set (409 `already-exists`, whatever the content)."
                    + " The `Location` header names the new version.")
    @ApiResponse(responseCode = "201", description = "Published",
            content = @Content(schema = @Schema(implementation = TemplateVersion.class)))
    @ApiErrorResponses(value = 422, problems = {ProblemType.ALREADY_EXISTS, ProblemType.INVALID_TEMPLATE})
    ResponseEntity<TemplateVersion> publish(@PathVariable String name, @Valid @RequestBody PublishTemplateVersion request,
                                            @AuthenticationPrincipal Caller caller) {
        TemplateContent content = request.content();
        TemplateVersion published = content.kind() == ContentKind.Helm
                ? store.publish(name, new NewHelmVersion(request.version(), request.changelog(),
                        new HelmContent(chartBytes(content)), caller.name()))
                : store.publish(name, new NewTemplateVersion(request.version(), request.changelog(),
                        simpleContent(content), caller.name()));
        return created(name, published);
    }

    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "publishHelmTemplateVersion",
            summary = "Publish a new Helm version from a form: parts version, changelog (optional) and the file chart (.tgz)",
            description = "The form of `POST .../versions` for Helm charts, with the archive sent as it is instead of base64:"
                    + " parts `version`, `changelog` (optional) and the file `chart` (the `.tgz` that `helm package`"
                    + " writes). The same checks and answers as the JSON request with content `{\"kind\": \"Helm\"}`, and"
                    + " the same digest for the same archive. A missing part is not refused on its own: every missing or"
                    + " invalid part is listed in one 422.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = HelmChartForm.class)))
    @ApiResponse(responseCode = "201", description = "Published",
            content = @Content(schema = @Schema(implementation = TemplateVersion.class)))
    @ApiErrorResponses(value = 422, problems = {ProblemType.ALREADY_EXISTS, ProblemType.INVALID_TEMPLATE})
    ResponseEntity<TemplateVersion> publishChart(@PathVariable String name,
                                                 @RequestPart(name = "version", required = false) String version,
                                                 @RequestPart(name = "changelog", required = false) String changelog,
                                                 @RequestPart(name = "chart", required = false) MultipartFile chart,
                                                 @AuthenticationPrincipal Caller caller) throws IOException {
        List<FieldProblem> errors = new ArrayList<>();
        if (version == null || version.isBlank()) {
            errors.add(new FieldProblem("version", "must not be blank"));
        } else if (version.length() > 128) {
            errors.add(new FieldProblem("version", "size must be between 0 and 128"));
        }
        if (changelog != null && changelog.length() > 2048) {
            errors.add(new FieldProblem("changelog", "size must be between 0 and 2048"));
        }
        if (chart == null || chart.isEmpty()) {
            errors.add(new FieldProblem("chart", "the chart archive (.tgz) is required"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has " + errors.size() + " invalid field(s)", errors);
        }
        return created(name, store.publish(name,
                new NewHelmVersion(version, changelog, new HelmContent(chart.getBytes()), caller.name())));
    }

    /**
     * The same form sent to the versions collection itself, as clients did before the form had a path of
     * its own; still answered the same. It is left out of the OpenAPI document: there, one operation
     * cannot take both a JSON body and a form without breaking the clients generated from it.
     */
    @Hidden
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<TemplateVersion> publishChartToVersions(@PathVariable String name,
                                                           @RequestPart(name = "version", required = false) String version,
                                                           @RequestPart(name = "changelog", required = false) String changelog,
                                                           @RequestPart(name = "chart", required = false) MultipartFile chart,
                                                           @AuthenticationPrincipal Caller caller) throws IOException {
        return publishChart(name, version, changelog, chart, caller);
    }

    private ResponseEntity<TemplateVersion> created(String name, TemplateVersion published) {
        return ResponseEntity.created(URI.create("/api/v1/template-sets/" + name + "/versions/" + published.version()))
                .body(published);
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listTemplateVersions",
            summary = "List a set's versions, newest first by semver precedence",
            description = "Lists the set's versions newest first by semantic-version precedence, a page at a time: number,"
                    + " kind, digest, changelog, who published it and when.")
    @ApiErrorResponses({404, 422})
    ListResponse<TemplateVersion> list(@PathVariable String name, @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        String after = Cursors.decode(cursor);
        if (after != null && !SemVer.isValid(after)) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The cursor is not one this API returned",
                    List.of(new FieldProblem("cursor", "use the nextCursor value of the previous page")));
        }
        Page<TemplateVersion> page = store.versions(name, after, size);
        return new ListResponse<>(page.items(), Cursors.encode(page.lastKey()));
    }

    @GetMapping("/{version}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "getTemplateVersion",
            summary = "Get a version's metadata and content digest",
            description = "Returns the version's metadata: number, kind (`Simple` or `Helm`), content digest, changelog, who"
                    + " published it and when. Its content is at `.../content`.")
    @ApiErrorResponses({404})
    TemplateVersion get(@PathVariable String name, @PathVariable String version) {
        return store.version(name, version);
    }

    @GetMapping("/{version}/content")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "getTemplateVersionContent",
            summary = "Get a version's content: documents, parameters schema, defaults and hints (Simple), or the"
                    + " chart archive as base64 (Helm)",
            description = "Returns the content as published: for a Simple version its documents, parameters schema, defaults"
                    + " and hints; for a Helm version the chart archive as base64, which `POST .../versions` takes back as"
                    + " it is and publishes with the same digest.")
    @ApiErrorResponses({404})
    TemplateContent content(@PathVariable String name, @PathVariable String version) {
        if (store.version(name, version).kind() == ContentKind.Helm) {
            return TemplateContent.helm(Base64.getEncoder().encodeToString(store.helmContent(name, version).chartArchive()));
        }
        SimpleContent content = store.content(name, version);
        return new TemplateContent(ContentKind.Simple, content.documents(),
                json.readValue(content.parametersSchemaJson(), OBJECT), content.defaults(), content.hints(), null);
    }

    @DeleteMapping("/{version}")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "deleteTemplateVersion",
            summary = "Delete a version (its number cannot be taken by other content until then)",
            description = "Deletes one version. Refused with 409 while an application revision uses it (purge those"
                    + " applications first). Its number is free again afterwards.")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiErrorResponses({404, 409})
    void delete(@PathVariable String name, @PathVariable String version) {
        store.deleteVersion(name, version);
    }

    @PostMapping(path = "/{version}/render", consumes = "application/json")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "renderTemplateVersion",
            summary = "Render a version with values, as a preview: nothing is stored and no cluster is touched",
            description = "Renders the version with the values given (over its defaults) and the built-ins `cluster`,"
                    + " `namespace` and `application`, exactly as a deploy would, and returns the objects in apply order and"
                    + " as one YAML text. Nothing is stored and no cluster is touched; rendering is strict, so a placeholder"
                    + " without a value is a 422 `render-failed` naming it, never an empty string.")
    @ApiErrorResponses(value = 422, problems = ProblemType.RENDER_FAILED)
    RenderResult render(@PathVariable String name, @PathVariable String version,
                        @Valid @RequestBody(required = false) RenderRequest request) {
        RenderRequest given = request == null ? new RenderRequest(null, null, null, null) : request;
        return RenderResult.of(store.render(name, version, given.values(),
                builtIns(given.cluster(), given.namespace(), given.application())));
    }

    @GetMapping(path = "/{version}/diff/{toVersion}", produces = "text/plain")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "diffTemplateVersions", summary = "Unified diff from one version to another, of the contents"
                    + " and, with values, of the rendered outputs",
            description = "text/plain. First the diff of the contents (documents, then parameters schema, defaults and hints"
                    + " as indented JSON with sorted keys; for a Helm version every file of the chart under its path), then, when `values` is given, the diff of both versions rendered"
                    + " with those values (built-ins: application preview, namespace default, cluster preview)."
                    + " Each part has its own ---/+++ header and is left out when there is no difference; an empty body"
                    + " means no difference at all.")
    @ApiResponse(responseCode = "200", description = "The diff, possibly empty",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @ApiErrorResponses(value = 422, problems = ProblemType.RENDER_FAILED)
    ResponseEntity<String> diff(@PathVariable String name, @PathVariable String version, @PathVariable String toVersion,
                                @Parameter(description = "Parameter values as a JSON object (URL-encoded), e.g. {\"replicas\":5}")
                                @RequestParam(required = false) String values) {
        Map<String, Object> parsed = values == null ? null : valuesParameter(values);
        String diff = store.contentDiff(name, version, toVersion);
        if (parsed != null) {
            diff += store.renderedDiff(name, version, toVersion, parsed, builtIns(null, null, null));
        }
        return ResponseEntity.ok().contentType(TEXT).body(diff);
    }

    private SimpleContent simpleContent(TemplateContent content) {
        List<FieldProblem> errors = new ArrayList<>();
        if (content.documents() == null) {
            errors.add(new FieldProblem("content.documents", "must not be null"));
        }
        if (content.chart() != null) {
            errors.add(new FieldProblem("content.chart", "only Helm content has a chart (set kind to Helm)"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has " + errors.size() + " invalid field(s)", errors);
        }
        return new SimpleContent(content.documents(),
                content.parametersSchema() == null ? null : json.writeValueAsString(content.parametersSchema()),
                content.defaults(), content.hints());
    }

    /** The archive of Helm content: only {@code chart}, base64 (standard or URL-safe alphabet). */
    private static byte[] chartBytes(TemplateContent content) {
        List<FieldProblem> errors = new ArrayList<>();
        if (content.chart() == null || content.chart().isBlank()) {
            errors.add(new FieldProblem("content.chart", "the chart archive (.tgz) as base64 is required for Helm content"));
        }
        for (var other : List.of(Map.entry("documents", content.documents() != null),
                Map.entry("parametersSchema", content.parametersSchema() != null),
                Map.entry("defaults", content.defaults() != null), Map.entry("hints", content.hints() != null))) {
            if (other.getValue()) {
                errors.add(new FieldProblem("content." + other.getKey(),
                        "must be left out for Helm content (the chart holds its schema and defaults)"));
            }
        }
        byte[] bytes = null;
        if (errors.isEmpty()) {
            try {
                bytes = Base64.getDecoder().decode(content.chart().replaceAll("\\s", "").replace('-', '+').replace('_', '/'));
            } catch (IllegalArgumentException notBase64) {
                errors.add(new FieldProblem("content.chart", "must be base64"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has " + errors.size() + " invalid field(s)", errors);
        }
        return bytes;
    }

    /**
     * The built-ins of a preview. A cluster that is not registered is still allowed (a preview for a
     * cluster still to come): it just has no labels.
     */
    private BuiltIns builtIns(String cluster, String namespace, String application) {
        Map<String, String> labels = Map.of();
        if (cluster != null) {
            try {
                labels = clusters.get(cluster).labels();
            } catch (ClusterNotFoundException notRegistered) {
                labels = Map.of();
            }
        }
        return new BuiltIns(application == null ? PREVIEW : application, namespace == null ? "default" : namespace,
                cluster == null ? PREVIEW : cluster, labels);
    }

    private Map<String, Object> valuesParameter(String text) {
        try {
            JsonNode tree = json.readTree(text);
            if (tree != null && tree.isObject()) {
                return json.convertValue(tree, OBJECT);
            }
        } catch (JacksonException notJson) {
            // answered below, without the parser's message
        }
        throw new ApiException(ProblemType.MALFORMED_REQUEST, "The values parameter must be a JSON object",
                List.of(new FieldProblem("values", "a URL-encoded JSON object, such as {\"replicas\":5}")));
    }
}
