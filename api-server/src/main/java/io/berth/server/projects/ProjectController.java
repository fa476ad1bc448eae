package io.berth.server.projects;

import io.berth.server.projects.ProjectRequests.CreateProject;
import io.berth.server.projects.ProjectRequests.ProjectPatch;
import io.berth.server.projects.ProjectRequests.UpdateProject;
import io.berth.server.security.Caller;
import io.berth.server.security.Role;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.ETags;
import io.berth.server.web.ListResponse;
import io.berth.server.web.MergePatch;
import io.berth.server.web.MergePatches;
import io.berth.server.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects", description = "Projects: the teams' spaces, where their applications may go and their limits")
class ProjectController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ProjectService projects;
    private final MergePatches patches;
    private final ProjectDirectory directory;
    private final ProjectGroups groups;

    ProjectController(ProjectService projects, MergePatches patches, ProjectDirectory directory, ProjectGroups groups) {
        this.projects = projects;
        this.patches = patches;
        this.directory = directory;
        this.groups = groups;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(operationId = "createProject",
            summary = "Create a project with its destinations, template sets and quota",
            description = "Creates a project. `destinations` say which clusters (by names or globs, or by a label selector)"
                    + " and which namespaces (names or globs) its applications may target: a target is allowed when one"
                    + " destination matches both its cluster and its namespace, and an empty list allows none."
                    + " `templateSets` (names or globs; absent: all) names the template sets shared with all projects that"
                    + " it may deploy; its own it may always deploy. `quota` limits its applications and their replicas"
                    + " in all (absent: no limit). A name that is taken is 409 `already-exists`. The `ETag` header is the"
                    + " project's version.")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Project.class)))
    @ApiErrorResponses(value = 422, problems = ProblemType.ALREADY_EXISTS)
    ResponseEntity<Project> create(@Valid @RequestBody CreateProject request, @AuthenticationPrincipal Caller caller) {
        Project project = projects.create(request, caller.name());
        return ResponseEntity.created(URI.create("/api/v1/projects/" + project.name()))
                .eTag(ETags.of(project.version())).body(project);
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listProjects",
            summary = "List projects",
            description = "Lists the projects the caller sees (all of them for a global role, else those it belongs to) in"
                    + " name order, a page at a time, with their destinations and quotas.")
    @ApiErrorResponses({422})
    ListResponse<Project> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
                               @AuthenticationPrincipal Caller caller) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return ListResponse.ofOneMore(projects.list(caller.visibleProjects(), Cursors.decode(cursor), size + 1), size,
                Project::name);
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "getProject",
            summary = "Get a project",
            description = "Returns the project's names, labels, destinations, template sets and quota. The `ETag` header is"
                    + " its version.")
    @ApiErrorResponses({404})
    ResponseEntity<Project> get(@PathVariable String name) {
        return withETag(projects.get(name));
    }

    @PatchMapping(path = "/{name}", consumes = {MERGE_PATCH, "application/json"})
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(operationId = "updateProject",
            summary = "Change a project by a JSON Merge Patch (RFC 7386): fields left out stay, null removes,"
                    + " labels and the quota merge key by key, a list given replaces the list",
            description = "Changes a project's descriptive fields, destinations, template sets or quota. The patch is merged"
                    + " into the current project and the result must be valid (422 otherwise). Applications already running"
                    + " where the new destinations do not reach are not moved or stopped: `GET .../targets-outside` lists"
                    + " them. With `If-Match`, a stale version"
                    + " is 412; without it, an edit that raced with another writer is 409 and changes nothing. Answers the"
                    + " project with its new `ETag`.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ProjectPatch.class)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectPatch.class))})
    @ApiErrorResponses({404, 409, 412, 413, 422})
    ResponseEntity<Project> update(@PathVariable String name, @RequestBody JsonNode body,
                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @AuthenticationPrincipal Caller caller) {
        MergePatch<UpdateProject> patch = patches.read(body, ProjectPatch.class, UpdateProject.class);
        Project current = projects.get(name);
        UpdateProject merged = patch.applyTo(UpdateProject.of(current));
        return withETag(projects.update(name, merged, ETags.expectedVersion(ifMatch), current.version(), caller.name()));
    }

    /** A target of one of the project's applications. */
    record ApplicationTarget(String application, String cluster, String namespace) {
    }

    @GetMapping("/{name}/targets-outside")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listProjectTargetsOutside",
            summary = "List the targets of the project's applications that its destinations no longer take",
            description = "A change of a project's destinations moves and stops nothing: the targets of its applications that"
                    + " lie outside the destinations keep running, and the next upgrade of each such application must bring"
                    + " its targets back within them. This lists those targets (application, cluster, namespace), all at"
                    + " once (`nextCursor` is always null); empty when every target lies within the destinations.")
    @ApiErrorResponses({404})
    ListResponse<ApplicationTarget> targetsOutside(@PathVariable String name) {
        return new ListResponse<>(projects.targetsOutside(name).stream()
                .map(t -> new ApplicationTarget(t.application(), t.cluster(), t.namespace())).toList(), null);
    }

    /** The project's identity-provider groups and their roles, as the API replaces them all at once. */
    record ProjectGroupList(List<ProjectGroups.GroupRequest> groups) {
    }

    @GetMapping("/{name}/groups")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listProjectGroups",
            summary = "List the identity-provider groups bound to roles in the project",
            description = "With single sign-on, a person whose JWT lists one of these groups (the `berth.oidc.groups-claim`,"
                    + " `groups` by default) has its role in this project. Bindings in Berth's configuration"
                    + " (`berth.oidc.bindings`) count too and are not listed here.")
    @ApiErrorResponses({404})
    ListResponse<ProjectGroups.GroupBinding> listGroups(@PathVariable String name) {
        return new ListResponse<>(groups.of(directory.find(name).orElseThrow(() -> ProjectDirectory.noProjectNamed(name)).id()),
                null);
    }

    @PutMapping(path = "/{name}/groups", consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "replaceProjectGroups",
            summary = "Set which identity-provider groups have which role in the project (all at once)",
            description = "Replaces the project's group bindings with these: each `group` (as the identity provider names it"
                    + " in its JWTs) and its `role` (`viewer`, `operator` or `admin`). For the project's admins and platform"
                    + " admins. Takes effect at once on this Berth and within 5 seconds on the others.")
    @ApiErrorResponses({404, 422})
    ListResponse<ProjectGroups.GroupBinding> replaceGroups(@PathVariable String name, @RequestBody ProjectGroupList body,
                                                           @AuthenticationPrincipal Caller caller) {
        ProjectDirectory.Found project = directory.requireFor(caller, name, Role.admin);
        return new ListResponse<>(groups.replace(project.id(), body.groups() == null ? List.of() : body.groups(), caller.name()),
                null);
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteProject",
            summary = "Delete an empty project",
            description = "Deletes the project. Refused with 409 while it holds applications or template sets, and always for"
                    + " `default`, which holds what belongs to no other project.")
    @ApiErrorResponses({404, 409, 412})
    void delete(@PathVariable String name, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                @AuthenticationPrincipal Caller caller) {
        projects.delete(name, ETags.expectedVersion(ifMatch), caller.name());
    }

    private static ResponseEntity<Project> withETag(Project project) {
        return ResponseEntity.ok().eTag(ETags.of(project.version())).body(project);
    }
}
