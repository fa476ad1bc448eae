package io.berth.server.clusters;

import io.berth.cluster.Cluster;
import io.berth.cluster.ClusterChanges;
import io.berth.cluster.ClusterEvent;
import io.berth.cluster.ClusterQuery;
import io.berth.cluster.ClusterRegistration;
import io.berth.cluster.ClusterRegistry;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ClusterVersionMismatchException;
import io.berth.cluster.ConcurrentClusterChangeException;
import io.berth.cluster.CredentialRotation;
import io.berth.cluster.Page;
import io.berth.server.clusters.ClusterRequests.NamespaceItem;
import io.berth.server.clusters.ClusterRequests.RegisterCluster;
import io.berth.server.clusters.ClusterRequests.RotateCredentials;
import io.berth.server.clusters.ClusterRequests.UpdateCluster;
import io.berth.server.security.Caller;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.ETags;
import io.berth.server.web.LabelSelectorParameter;
import io.berth.server.web.ListResponse;
import io.berth.server.web.ProblemType;
import io.berth.server.web.MergePatch;
import io.berth.server.web.MergePatches;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
@RequestMapping("/api/v1/clusters")
@Tag(name = "Clusters", description = "Registered Kubernetes clusters, their credentials and health")
class ClusterController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ClusterRegistry registry;
    private final MergePatches patches;

    ClusterController(ClusterRegistry registry, MergePatches patches) {
        this.registry = registry;
        this.patches = patches;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasRole('CLUSTER_ADMIN')")
    @Operation(operationId = "registerCluster",
            summary = "Register a cluster by kubeconfig; it is probed at once and the status shows the result",
            description = "Stores a cluster and its kubeconfig, then probes it at once: the answer shows the first probe's"
                    + " result (`Ready`, or `Unreachable`, `Unauthorized`, `TLSError` with a reason). The kubeconfig is"
                    + " checked first and refused with `invalid-kubeconfig` when it could make Berth run a command, read a"
                    + " file or connect somewhere it was not allowed to (see the README); it is stored encrypted and never"
                    + " returned by any operation. The `ETag` header is the cluster's version. A name that is taken is 409"
                    + " `already-exists`.")
    @ApiResponse(responseCode = "201", description = "Registered; the body shows the first probe's result",
            content = @Content(schema = @Schema(implementation = Cluster.class)))
    @ApiErrorResponses(value = 422, problems = {ProblemType.ALREADY_EXISTS, ProblemType.INVALID_KUBECONFIG})
    ResponseEntity<Cluster> register(@Valid @RequestBody RegisterCluster request, @AuthenticationPrincipal Caller caller) {
        Cluster cluster = registry.register(new ClusterRegistration(request.name(), request.displayName(),
                request.description(), request.labels(), request.kubeconfig(), request.context(),
                Boolean.TRUE.equals(request.allowInsecureTls()), Boolean.TRUE.equals(request.allowProxy()),
                caller.name()));
        return ResponseEntity.created(URI.create("/api/v1/clusters/" + cluster.name()))
                .eTag(ETags.of(cluster.version())).body(cluster);
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listClusters",
            summary = "List clusters, filtered by labels and status",
            description = "Lists registered clusters in name order, a page at a time, optionally only those matching a label"
                    + " selector (equality and set-based, e.g. `env in (prod,staging),!legacy`) or with one status. Shows"
                    + " each cluster's last known status; nothing is probed.")
    @ApiErrorResponses({422})
    ListResponse<Cluster> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "Kubernetes label selector, e.g. env=prod,tier in (db,cache),!legacy")
            @RequestParam(required = false) String labelSelector,
            @RequestParam(required = false) ClusterStatus status) {
        Page<Cluster> page = registry.list(new ClusterQuery(LabelSelectorParameter.parse(labelSelector), status,
                Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT), Cursors.decode(cursor)));
        return new ListResponse<>(page.items(), Cursors.encode(page.lastKey()));
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "getCluster",
            summary = "Get a cluster and its last known status",
            description = "Returns the cluster's names, labels, API server URL and its last known status with the reason, the"
                    + " time of the last probe, the server version and the node count; never its credentials. The `ETag`"
                    + " header is the cluster's version.")
    @ApiErrorResponses({404})
    ResponseEntity<Cluster> get(@PathVariable String name) {
        return withETag(registry.get(name));
    }

    @PatchMapping(path = "/{name}", consumes = {MERGE_PATCH, "application/json"})
    @PreAuthorize("hasRole('CLUSTER_ADMIN')")
    @Operation(operationId = "updateCluster",
            summary = "Change a cluster's display name, description or labels by a"
                    + " JSON Merge Patch (RFC 7386): fields left out stay, null removes, labels merge key by key",
            description = "Changes only descriptive fields: credentials are changed with `PUT .../credentials`. The patch is"
                    + " merged into the current fields and the result must be valid (422 otherwise). With `If-Match`, a"
                    + " stale version is 412; without it, an edit that raced with another writer is 409 and changes nothing."
                    + " Answers the cluster with its new `ETag`.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = UpdateCluster.class)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = UpdateCluster.class))})
    @ApiErrorResponses({404, 409, 412, 413, 422})
    ResponseEntity<Cluster> update(@PathVariable String name, @RequestBody JsonNode body,
                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        MergePatch<UpdateCluster> patch = patches.read(body, UpdateCluster.class, UpdateCluster.class);
        Cluster current = registry.get(name);
        UpdateCluster merged = patch.applyTo(UpdateCluster.of(current));
        Long asked = ETags.expectedVersion(ifMatch);
        if (asked != null) {
            return withETag(registry.update(name, new ClusterChanges(merged.displayName(), merged.description(),
                    merged.labels(), asked)));
        }
        // the patch was merged into what was just read: a writer in between makes it fail, never lost; without
        // If-Match that is a lost race (409), not a stale precondition the caller gave (412)
        try {
            return withETag(registry.update(name, new ClusterChanges(merged.displayName(), merged.description(),
                    merged.labels(), current.version())));
        } catch (ClusterVersionMismatchException raced) {
            throw new ConcurrentClusterChangeException(name);
        }
    }

    @PutMapping(path = "/{name}/credentials", consumes = "application/json")
    @PreAuthorize("hasRole('CLUSTER_ADMIN')")
    @Operation(operationId = "rotateClusterCredentials",
            summary = "Replace a cluster's kubeconfig; the cached client is replaced and the cluster probed again",
            description = "Replaces the stored kubeconfig, checked with the same rules as at registration"
                    + " (`invalid-kubeconfig`, 422). The cluster's cached client is closed and replaced, the cluster is"
                    + " probed again with the new credentials, and the answer shows the result. The kubeconfig is stored"
                    + " encrypted and never returned.")
    @ApiErrorResponses(value = {409, 422}, problems = ProblemType.INVALID_KUBECONFIG)
    ResponseEntity<Cluster> rotateCredentials(@PathVariable String name, @Valid @RequestBody RotateCredentials request,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withETag(registry.rotateCredentials(name, new CredentialRotation(request.kubeconfig(), request.context(),
                Boolean.TRUE.equals(request.allowInsecureTls()), Boolean.TRUE.equals(request.allowProxy())),
                ETags.expectedVersion(ifMatch)));
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('CLUSTER_ADMIN')")
    @Operation(operationId = "deleteCluster",
            summary = "Forget a cluster and its credentials",
            description = "Forgets the cluster: its record, its stored credentials and its cached client. Nothing on the"
                    + " cluster itself is touched. Refused with 409 while an application is deployed on it (delete or purge"
                    + " those applications first).")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiErrorResponses({404, 409, 412})
    void delete(@PathVariable String name, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        registry.delete(name, ETags.expectedVersion(ifMatch));
    }

    @PostMapping("/{name}/probe")
    @PreAuthorize("hasAnyRole('OPERATOR', 'CLUSTER_ADMIN')")
    @Operation(operationId = "probeCluster",
            summary = "Probe a cluster now and return its new status",
            description = "Connects to the cluster now (version, node count) and records the result as its status; a change of"
                    + " status is also recorded as an event. Safe to repeat: each call only probes again. Returns the"
                    + " cluster with its new status.")
    @ApiErrorResponses({404})
    ResponseEntity<Cluster> probe(@PathVariable String name) {
        return withETag(registry.probe(name));
    }

    @GetMapping("/{name}/events")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listClusterEvents",
            summary = "A cluster's status changes, newest first",
            description = "Lists the cluster's status changes, newest first, a page at a time: from which status to which, why,"
                    + " and when.")
    @ApiErrorResponses({404, 422})
    ListResponse<ClusterEvent> events(@PathVariable String name, @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        Page<ClusterEvent> page = registry.events(name, Cursors.decodeNumber(cursor), Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
        return new ListResponse<>(page.items(), Cursors.encode(page.lastKey()));
    }

    @GetMapping("/{name}/namespaces")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listClusterNamespaces",
            summary = "The cluster's namespaces, read live from it",
            description = "Reads the cluster's namespaces live from its API server with Berth's credentials. 502 when the"
                    + " cluster answered with an error (credentials refused, TLS failure), 504 when it did not answer in"
                    + " time.")
    @ApiErrorResponses({404, 502, 504})
    ListResponse<NamespaceItem> namespaces(@PathVariable String name) {
        return new ListResponse<>(registry.namespaces(name).stream().map(NamespaceItem::new).toList(), null);
    }

    private static ResponseEntity<Cluster> withETag(Cluster cluster) {
        return ResponseEntity.ok().eTag(ETags.of(cluster.version())).body(cluster);
    }
}
