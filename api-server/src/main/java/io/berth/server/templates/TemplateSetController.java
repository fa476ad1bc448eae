package io.berth.server.templates;

import io.berth.cluster.LabelSelector;
import io.berth.cluster.Labels;
import io.berth.server.security.Caller;
import io.berth.server.templates.TemplateBodies.CreateTemplateSet;
import io.berth.server.templates.TemplateBodies.UpdateTemplateSet;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.ETags;
import io.berth.server.web.LabelSelectorParameter;
import io.berth.server.web.ListResponse;
import io.berth.server.web.ProblemType;
import io.berth.server.web.MergePatch;
import io.berth.server.web.MergePatches;
import io.berth.template.ConcurrentTemplateSetChangeException;
import io.berth.template.NewTemplateSet;
import io.berth.template.Page;
import io.berth.template.SeedReport;
import io.berth.template.StaleTemplateSetException;
import io.berth.template.TemplateSet;
import io.berth.server.projects.Project;
import io.berth.server.projects.ProjectDirectory;
import io.berth.server.security.Role;
import io.berth.template.TemplateSetChanges;
import io.berth.template.TemplateSetQuery;
import io.berth.template.TemplateStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Template sets. Viewers read; operators create, edit and delete sets (they are the ones who deploy
 * templates, so they own them); loading the examples is for admins, like the rest of the set-up.
 */
@RestController
@RequestMapping("/api/v1/template-sets")
@Tag(name = "Template sets", description = "Named, labelled groups of immutable template versions")
class TemplateSetController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final TemplateStore store;
    private final MergePatches patches;
    private final ProjectDirectory projects;

    TemplateSetController(TemplateStore store, MergePatches patches, ProjectDirectory projects) {
        this.store = store;
        this.patches = patches;
        this.projects = projects;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "createTemplateSet",
            summary = "Create a template set; publish versions into it afterwards",
            description = "Creates an empty template set with a description and labels in a project (`default` when"
                    + " absent; the caller must be an operator there), used by that project only unless `shared`; publish"
                    + " versions into it afterwards. Label keys and values follow Kubernetes' rules. A name that is taken is"
                    + " 409 `already-exists` (names are unique across projects). Answers the set with its `ETag`.")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = TemplateSetView.class)))
    @ApiErrorResponses(value = 422, problems = ProblemType.ALREADY_EXISTS)
    ResponseEntity<TemplateSetView> create(@Valid @RequestBody CreateTemplateSet request,
                                           @AuthenticationPrincipal Caller caller) {
        String projectName = request.project() == null ? Project.DEFAULT : request.project();
        ProjectDirectory.Found project = projects.requireFor(caller, projectName, Role.operator);
        TemplateSet set = store.create(new NewTemplateSet(request.name(), request.description(),
                Labels.requireValid(request.labels()), project.id(), Boolean.TRUE.equals(request.shared()), caller.name()));
        return ResponseEntity.created(URI.create("/api/v1/template-sets/" + set.name()))
                .eTag(ETags.of(set.version())).body(view(set));
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listTemplateSets",
            summary = "List template sets in name order, filtered by labels and text",
            description = "Lists the template sets of the projects the caller sees and those shared with every project, in"
                    + " name order, a page at a time, optionally only those matching a label selector or whose name or"
                    + " description contains `q` (ignoring case).")
    @ApiErrorResponses({422})
    ListResponse<TemplateSetView> list(@AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "Kubernetes label selector, e.g. team=web,tier in (db,cache),!legacy")
            @RequestParam(required = false) String labelSelector,
            @Parameter(description = "Only sets whose name or description contains this text, ignoring case")
            @RequestParam(required = false) @Size(max = 253) String q) {
        LabelSelector selector = LabelSelectorParameter.parse(labelSelector);
        Page<TemplateSet> page = store.list(new TemplateSetQuery(selector::matches, q,
                Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT), Cursors.decode(cursor), caller.visibleProjects().orElse(null)));
        return new ListResponse<>(page.items().stream().map(this::view).toList(), Cursors.encode(page.lastKey()));
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "getTemplateSet",
            summary = "Get a template set",
            description = "Returns the set's description, labels, project and sharing, and who created and last changed it,"
                    + " when. The `ETag` header is the set's version. A set of a project the caller does not see, unless"
                    + " shared, is 404.")
    @ApiErrorResponses({404})
    ResponseEntity<TemplateSetView> get(@PathVariable String name) {
        return withETag(store.get(name));
    }

    @PatchMapping(path = "/{name}", consumes = {MERGE_PATCH, "application/json"})
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "updateTemplateSet",
            summary = "Change a template set's description, labels or sharing by a"
                    + " JSON Merge Patch (RFC 7386): fields left out stay, null removes, labels merge key by key",
            description = "Changes the set's description, labels or sharing; versions are never changed. With `If-Match`, a stale"
                    + " version is 412; without it, an edit that raced with another writer is 409 and changes nothing."
                    + " Answers the set with its new `ETag`.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = UpdateTemplateSet.class)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = UpdateTemplateSet.class))})
    @ApiErrorResponses({404, 409, 412, 413, 422})
    ResponseEntity<TemplateSetView> update(@PathVariable String name, @RequestBody JsonNode body,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @AuthenticationPrincipal Caller caller) {
        MergePatch<UpdateTemplateSet> patch = patches.read(body, UpdateTemplateSet.class, UpdateTemplateSet.class);
        TemplateSet current = store.get(name);
        UpdateTemplateSet merged = patch.applyTo(UpdateTemplateSet.of(current));
        Long asked = ETags.expectedVersion(ifMatch);
        if (asked != null) {
            return withETag(store.update(name, new TemplateSetChanges(merged.description(),
                    Labels.requireValid(merged.labels()), Boolean.TRUE.equals(merged.shared()), asked, caller.name())));
        }
        // the patch was merged into what was just read: a writer in between makes it fail, never lost; without
        // If-Match that is a lost race (409), not a stale precondition the caller gave (412)
        try {
            return withETag(store.update(name, new TemplateSetChanges(merged.description(),
                    Labels.requireValid(merged.labels()), Boolean.TRUE.equals(merged.shared()), current.version(), caller.name())));
        } catch (StaleTemplateSetException raced) {
            throw new ConcurrentTemplateSetChangeException(name);
        }
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "deleteTemplateSet",
            summary = "Delete a template set and all its versions",
            description = "Deletes the set and every version in it. Refused with 409 while an application revision uses one of"
                    + " its versions (purge those applications first).")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiErrorResponses({404, 409, 412})
    void delete(@PathVariable String name, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        store.delete(name, ETags.expectedVersion(ifMatch));
    }

    @PostMapping("/seeds")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(operationId = "seedTemplateSets",
            summary = "Load the example template sets and their versions; existing sets are left alone",
            description = "Loads the examples `nginx-web` 1.0.0 (a 3-replica nginx StatefulSet behind a headless Service),"
                    + " `etcd-operator` 1.0.0 and `etcd-cluster` (an `EtcdCluster` of etcd.database.coreos.com/v1beta2, size 3,"
                    + " version 3.2.13: 1.0.0, and 1.1.0, which declares backup and restore), and the etcd operator's"
                    + " companions `etcd-backup-operator` 1.0.0 and `etcd-restore-operator` 1.0.0. A set that exists already is"
                    + " left as it is, except that an example set still holding the example's first version gains the"
                    + " example's later versions; so loading them again changes nothing. The answer says which sets and"
                    + " versions were created and which sets were already there.")
    @ApiErrorResponses({})
    SeedReport seed(@AuthenticationPrincipal Caller caller) {
        return store.seedExamples(caller.name(), Project.DEFAULT_ID);
    }

    private ResponseEntity<TemplateSetView> withETag(TemplateSet set) {
        return ResponseEntity.ok().eTag(ETags.of(set.version())).body(view(set));
    }

    private TemplateSetView view(TemplateSet set) {
        return TemplateSetView.of(set, projects.nameOf(set.projectId()));
    }

}
