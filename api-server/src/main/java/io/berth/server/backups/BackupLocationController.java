package io.berth.server.backups;

import io.berth.server.backups.BackupLocationService.NewBackupLocation;
import io.berth.server.security.Caller;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.ETags;
import io.berth.server.web.ListResponse;
import io.berth.server.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
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

@RestController
@RequestMapping("/api/v1/backup-locations")
@Tag(name = "Backup locations", description = "Where the operators write backups: S3-compatible object stores")
class BackupLocationController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final BackupLocationService locations;

    BackupLocationController(BackupLocationService locations) {
        this.locations = locations;
    }

    @PostMapping
    @PreAuthorize("hasRole('CLUSTER_ADMIN')")
    @Operation(operationId = "createBackupLocation",
            summary = "Register an S3-compatible object store as a backup location",
            description = "Registers where backups go: the store's `endpoint` (http or https URL), a `bucket` that exists,"
                    + " an optional key `prefix`, the `region` (default us-east-1) and `forcePathStyle` (true for MinIO and"
                    + " most self-hosted stores). `accessKeyId` and `secretAccessKey` are sealed like kubeconfigs and never"
                    + " shown again; Berth delivers them as a Secret (files `credentials` and `config`, profile `default`)"
                    + " into the namespace where a backup or restore runs. For platform and cluster admins. A name that is"
                    + " taken is 409 `already-exists`.")
    @ApiResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = BackupLocation.class)))
    @ApiErrorResponses(value = 422, problems = ProblemType.ALREADY_EXISTS)
    ResponseEntity<BackupLocation> create(@RequestBody NewBackupLocation request, @AuthenticationPrincipal Caller caller) {
        BackupLocation location = locations.create(request, caller.name());
        return ResponseEntity.created(URI.create("/api/v1/backup-locations/" + location.name()))
                .eTag(ETags.of(location.version())).body(location);
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listBackupLocations",
            summary = "List backup locations",
            description = "Lists the backup locations in name order, a page at a time, without their credentials.")
    @ApiErrorResponses({422})
    ListResponse<BackupLocation> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return ListResponse.ofOneMore(locations.list(Cursors.decode(cursor), size + 1), size, BackupLocation::name);
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "getBackupLocation", summary = "Get a backup location",
            description = "Returns the location without its credentials.")
    @ApiErrorResponses({404})
    ResponseEntity<BackupLocation> get(@PathVariable String name) {
        BackupLocation location = locations.get(name);
        return ResponseEntity.ok().eTag(ETags.of(location.version())).body(location);
    }

    @PatchMapping(path = "/{name}", consumes = {"application/merge-patch+json", "application/json"})
    @PreAuthorize("hasRole('CLUSTER_ADMIN')")
    @Operation(operationId = "updateBackupLocation",
            summary = "Change a backup location's endpoint, region, path style, description or keys",
            description = "Each field given replaces the current one; a field left out (or null) stays. `accessKeyId` and"
                    + " `secretAccessKey` are replaced together (a key rotation): sealed, never shown; the next backup, schedule"
                    + " or restore delivers them to its namespace. The bucket and prefix cannot change, since recorded backups"
                    + " are objects there. With `If-Match`, a stale version is 412; a change that raced with another is 409.")
    @ApiErrorResponses({404, 409, 412, 422})
    ResponseEntity<BackupLocation> update(@PathVariable String name, @RequestBody BackupLocationService.LocationChanges changes,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @AuthenticationPrincipal Caller caller) {
        BackupLocation location = locations.update(name, changes, ETags.expectedVersion(ifMatch), caller.name());
        return ResponseEntity.ok().eTag(ETags.of(location.version())).body(location);
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('CLUSTER_ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteBackupLocation", summary = "Delete a backup location that no backup refers to",
            description = "Forgets the location. Refused with 409 while recorded backups or a schedule refer to it; the objects"
                    + " in the store are never deleted by Berth.")
    @ApiErrorResponses({404, 409})
    void delete(@PathVariable String name, @AuthenticationPrincipal Caller caller) {
        locations.delete(name, caller.name());
    }
}
