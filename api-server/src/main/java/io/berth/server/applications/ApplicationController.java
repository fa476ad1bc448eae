package io.berth.server.applications;

import io.berth.server.applications.ApplicationBodies.CreateApplication;
import io.berth.server.applications.ApplicationBodies.ReplaceApplication;
import io.berth.server.applications.ApplicationBodies.RollbackApplication;
import io.berth.server.applications.ApplicationBodies.ScaleApplication;
import io.berth.server.applications.ApplicationBodies.SyncApplication;
import io.berth.server.applications.ApplicationBodies.UpdateApplication;
import io.berth.server.operations.Operation;
import io.berth.server.operations.RequestContext;
import io.berth.server.security.Caller;
import io.berth.engine.health.Health;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.ETags;
import io.berth.server.web.IdempotencyKeyHeader;
import io.berth.server.web.LabelSelectorParameter;
import io.berth.server.web.ListResponse;
import io.berth.server.web.ProblemType;
import io.berth.server.web.MergePatch;
import io.berth.server.web.MergePatches;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applications. Viewers read; operators deploy, change and delete. Every change answers 202 with the
 * operation that carries it out and its {@code Location}.
 */
@RestController
@RequestMapping("/api/v1/applications")
@Tag(name = "Applications", description = "Template-set versions deployed to clusters, changed through revisions")
class ApplicationController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final String ACCEPTED = "Accepted: the body is the operation that carries the change out";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ApplicationService applications;
    private final MergePatches patches;
    private final JsonMapper json;

    ApplicationController(ApplicationService applications, MergePatches patches, JsonMapper json) {
        this.applications = applications;
        this.patches = patches;
        this.json = json;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "deployApplication",
            summary = "Deploy a template-set version to clusters: checked in full first, then carried out by an operation",
            description = "Creates the application `name` from one version of a template set and deploys it to its targets:"
                    + " explicit cluster and namespace pairs, or every registered cluster whose labels match"
                    + " `clusterSelector` (resolved now and recorded in the revision). Everything is checked before anything"
                    + " is stored, and every problem is listed at once (422): the template set and version exist, each"
                    + " target's cluster is registered, and the values, merged with each target's own, pass the version's"
                    + " schema. The application belongs to `project` (default `default`), and each target must lie within"
                    + " that project's destinations: targets outside are refused with 403 `destination-not-allowed`, each"
                    + " named, and nothing is written; a project that holds as many applications as its quota allows refuses"
                    + " another with 403 `quota-exceeded`. Then revision 1 is recorded and an operation applies the rendered objects to each target"
                    + " (server-side apply, field manager `berth`; with `wait`, it also waits until the workloads are"
                    + " ready). The answer is that operation, its `Location` being `/api/v1/operations/{id}`; read it until"
                    + " its state is `Succeeded`, `Failed` or `Cancelled`. With an `Idempotency-Key`, sending the same"
                    + " request again returns the same operation instead of deploying twice.")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses(value = {404, 422}, problems = {ProblemType.ALREADY_EXISTS, ProblemType.DESTINATION_NOT_ALLOWED,
            ProblemType.QUOTA_EXCEEDED})
    ResponseEntity<Operation> deploy(@Valid @RequestBody CreateApplication body,
                                     @IdempotencyKey @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
                                     @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return accepted(applications.deploy(body, caller, context(caller, key, request, body)));
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "listApplications",
            summary = "List applications in name order",
            description = "Lists the applications of the projects the caller sees in name order, a page at a time (`limit` 1 to 500, default 50; pass `nextCursor`"
                    + " as `cursor` for the next page), optionally only those of one project, of one template set, with a target on one"
                    + " cluster, matching a label selector, in one state or with one health (the worst of their targets')."
                    + " Items are summaries: per target its cluster, namespace, revision applied, sync, health and whether it"
                    + " drifts; `GET /applications/{name}` gives values, applied objects, drift and reasons."
                    + " Reads Berth's database only.")
    @ApiErrorResponses({422})
    ListResponse<ApplicationSummary> list(
            @Parameter(description = "Only applications of this project") @RequestParam(required = false) String project,
            @Parameter(description = "Only applications of this template set") @RequestParam(required = false) String templateSet,
            @Parameter(description = "Only applications with a target on this cluster") @RequestParam(required = false) String cluster,
            @Parameter(description = "Kubernetes label selector over the applications' labels")
            @RequestParam(required = false) String labelSelector,
            @Parameter(description = "Only applications in this state") @RequestParam(required = false) ApplicationState state,
            @Parameter(description = "Only applications whose health (the worst of their targets') is this")
            @RequestParam(required = false) Health health,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal Caller caller) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return ListResponse.ofOneMore(applications.list(caller.visibleProjects(), project, templateSet, cluster, LabelSelectorParameter.parse(labelSelector),
                state, health, Cursors.decode(cursor), size + 1), size, ApplicationSummary::name);
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "getApplication",
            summary = "Get an application: its current spec and, per target, what was applied and whether it worked",
            description = "Returns the application's current spec (template set, version, values, targets or selector, labels),"
                    + " its state and revision, and per target what was applied, whether it worked, its health and its sync"
                    + " status, as last recorded by the status tracker. The `ETag` header is the application's version: send"
                    + " it as `If-Match` with a change to make sure no one changed the application since.")
    @ApiErrorResponses({404})
    ResponseEntity<ApplicationView> get(@PathVariable String name) {
        ApplicationView view = applications.get(name);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping(path = "/{name}", consumes = {MERGE_PATCH, "application/json"})
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "updateApplication",
            summary = "Upgrade by a JSON Merge Patch (RFC 7386) of the spec: fields left out stay, null removes, "
                    + "objects merge at every depth, arrays are replaced",
            description = "The patch is merged into the current spec (version, values, targets, clusterSelector, labels,"
                    + " createNamespace, selfHeal) and the result must be valid as a PUT body is. `{\"values\": {\"image\":"
                    + " \"nginx:1.28\"}}` changes the image and keeps every other value; `{\"values\": {\"replicas\":"
                    + " null}}` removes a value, so the template's default applies again; `{\"targets\": [...]}` replaces"
                    + " the explicit targets and keeps the selector, `{\"clusterSelector\": null}` removes it. Replica"
                    + " counts set by scaling are kept. `application/json` is read as a merge patch too. Like a deploy, it"
                    + " is checked in full first, then recorded as a new revision and carried out by an operation (202).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = UpdateApplication.class)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = UpdateApplication.class))})
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses(value = {404, 409, 412, 413, 422}, problems = {ProblemType.DESTINATION_NOT_ALLOWED, ProblemType.QUOTA_EXCEEDED})
    ResponseEntity<Operation> update(@PathVariable String name, @RequestBody JsonNode body,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        MergePatch<ReplaceApplication> patch = patches.read(body, UpdateApplication.class, ReplaceApplication.class);
        return accepted(applications.patch(name, patch, ETags.expectedVersion(ifMatch), context(caller, null, request, body)));
    }

    @PutMapping(path = "/{name}", consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "replaceApplication",
            summary = "Upgrade by giving the whole spec: version, values, targets and labels are replaced",
            description = "Gives the whole spec again: version, values, targets or selector, labels and flags replace the"
                    + " current ones, and what is left out is reset (no values, no labels), not kept. Replica counts set by"
                    + " scaling are kept. Checked in full first (every problem at once, 422), then recorded as a new"
                    + " revision and carried out by an operation: objects the new revision no longer has are deleted from"
                    + " the clusters, targets it no longer has are uninstalled.")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses(value = {404, 409, 412, 413, 422}, problems = {ProblemType.DESTINATION_NOT_ALLOWED, ProblemType.QUOTA_EXCEEDED})
    ResponseEntity<Operation> replace(@PathVariable String name, @Valid @RequestBody ReplaceApplication body,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return accepted(applications.replace(name, body, ETags.expectedVersion(ifMatch), context(caller, null, request, body)));
    }

    @PostMapping(path = "/{name}/sync")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "syncApplication",
            summary = "Re-apply the current revision, putting back what drifted",
            description = "Applies the application's current revision again, as it is, to its targets (all of them, or those on"
                    + " the clusters given): fields changed by someone else get Berth's values back, objects deleted behind"
                    + " Berth's back are created again, and a replica count changed outside Berth returns to the recorded"
                    + " one. No new revision is made. The body is optional. With an `Idempotency-Key`, a retry returns the"
                    + " same operation.")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses({404, 409, 413, 422})
    ResponseEntity<Operation> sync(@PathVariable String name, @Valid @RequestBody(required = false) SyncApplication body,
                                   @IdempotencyKey @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
                                   @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        SyncApplication sync = body == null ? new SyncApplication(null, null, null) : body;
        return accepted(applications.sync(name, sync.clusters(), Boolean.TRUE.equals(sync.waitForReady()),
                sync.timeoutSeconds(), context(caller, key, request, sync)));
    }

    @PostMapping(path = "/{name}/scale", consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "scaleApplication",
            summary = "Scale a StatefulSet or an operator's custom resource; the count is kept in a new revision",
            description = "Sets the replica count of one workload (`workload` as `Kind/name`, required when the application has"
                    + " several): a StatefulSet through its `/scale` subresource, an operator's custom resource through the"
                    + " replicas path its version declares (such as `spec.size` of an `EtcdCluster`). All targets, or only"
                    + " those on `clusters`. The count is recorded in a new revision, so later upgrades and rollbacks keep"
                    + " it, and an operation carries it out; with `wait`, it waits until the workload is ready at its new"
                    + " size. With an `Idempotency-Key`, a retry returns the same operation. Targets outside the project's"
                    + " destinations are not scaled (403 `destination-not-allowed`), nor beyond its `maxReplicas` (403"
                    + " `quota-exceeded`; scaling down is always allowed).")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses(value = {404, 409, 413, 422}, problems = {ProblemType.DESTINATION_NOT_ALLOWED, ProblemType.QUOTA_EXCEEDED})
    ResponseEntity<Operation> scale(@PathVariable String name, @Valid @RequestBody ScaleApplication body,
                                    @IdempotencyKey @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
                                    @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return accepted(applications.scale(name, body, context(caller, key, request, body)));
    }

    @PostMapping(path = "/{name}/rollback", consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "rollbackApplication",
            summary = "Deploy an earlier revision's exact content (version, values, targets, replica counts) as a new revision",
            description = "Deploys an earlier revision's exact content again (version, values, targets, replica counts) as a"
                    + " new revision; the revisions in between stay in the history. Carried out by an operation like a"
                    + " deploy; with an `Idempotency-Key`, a retry returns the same operation. 404 when the application or"
                    + " the revision does not exist.")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses(value = {404, 409, 413, 422}, problems = {ProblemType.DESTINATION_NOT_ALLOWED, ProblemType.QUOTA_EXCEEDED})
    ResponseEntity<Operation> rollback(@PathVariable String name, @Valid @RequestBody RollbackApplication body,
                                       @IdempotencyKey @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
                                       @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return accepted(applications.rollback(name, body, context(caller, key, request, body)));
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "deleteApplication",
            summary = "Uninstall on every target (reverse apply order); the record stays as Deleted until purged",
            description = "Uninstalls the application from every target, deleting what Berth applied in the reverse of the"
                    + " apply order; the PersistentVolumeClaims of its StatefulSets are kept unless `deletePvcs=true`."
                    + " Carried out by an operation (202); the application then stays listed as `Deleted`, with its"
                    + " revisions, until it is purged. With `purge=true` it is forgotten once uninstalled; asked of an"
                    + " application that is already `Deleted`, that answers 204 at once. An application that is already"
                    + " `Deleted` without `purge`, or one with an operation under way, is 409 (the problem names the"
                    + " operation to wait for).")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiResponse(responseCode = "204", description = "A deleted application was purged")
    @ApiErrorResponses({404, 409, 412})
    ResponseEntity<Operation> delete(
            @PathVariable String name,
            @Parameter(description = "Also delete the PersistentVolumeClaims of its StatefulSets (data is lost)")
            @RequestParam(defaultValue = "false") boolean deletePvcs,
            @Parameter(description = "Forget the application and its revisions once uninstalled")
            @RequestParam(defaultValue = "false") boolean purge,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        Optional<Operation> operation = applications.delete(name, deletePvcs, purge, ETags.expectedVersion(ifMatch),
                context(caller, null, request, null));
        return operation.map(this::accepted).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping("/{name}/diff")
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "getApplicationDiff",
            summary = "What runs that is no longer as Berth applied it, per target",
            description = "Compares, on every target, the objects Berth applied with what is live, for the fields Berth applied"
                    + " only (the fields server-side apply gives to Berth's field manager): status, defaults and other"
                    + " managers' fields never count. A changed field lists Berth's value and the live one; a deleted object"
                    + " is `missing`; a Secret's values are never shown. A target that drifts is `OutOfSync`; `POST"
                    + " .../sync` puts it back. Kept up to date by the status tracker as the clusters change; a scale done"
                    + " outside Berth is drift like any other. Reads Berth's database, not the clusters.")
    @ApiErrorResponses({404})
    DriftView diff(@PathVariable String name,
                   @Parameter(description = "Only the targets on this cluster") @RequestParam(required = false) String cluster) {
        return applications.drift(name, cluster);
    }

    @GetMapping("/{name}/revisions")
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "listApplicationRevisions",
            summary = "List revisions, newest first",
            description = "Lists the application's revisions, newest first, a page at a time: each says what caused it (deploy,"
                    + " upgrade, scale, rollback), which version and values it holds, who made it and when. Revisions are"
                    + " never changed or deleted while the application exists.")
    @ApiErrorResponses({404, 422})
    ListResponse<RevisionView> revisions(@PathVariable String name, @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Long before = Cursors.decodeNumber(cursor);
        return ListResponse.ofOneMore(applications.revisions(name, before == null ? null : before.intValue(), size + 1),
                size, r -> String.valueOf(r.number()));
    }

    @GetMapping("/{name}/revisions/{number}")
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "getApplicationRevision",
            summary = "Get one revision",
            description = "Returns one revision of the application: its number, cause, template-set version, values, targets,"
                    + " replica counts and who made it when. 404 when there is no revision with that number.")
    @ApiErrorResponses({404})
    RevisionView revision(@PathVariable String name, @PathVariable int number) {
        return applications.revision(name, number);
    }

    private RequestContext context(Caller caller, String key, HttpServletRequest request, Object body) {
        return RequestContexts.of(caller, IdempotencyKeyHeader.parse(key), request, body, json);
    }

    private ResponseEntity<Operation> accepted(Operation operation) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/operations/" + operation.id())).body(operation);
    }
}
