package io.berth.server.backups;

import io.berth.server.applications.IdempotencyKey;
import io.berth.server.applications.RequestContexts;
import io.berth.server.backups.BackupService.BackupRequest;
import io.berth.server.backups.BackupService.RestoreRequest;
import io.berth.server.backups.BackupService.ScheduleRequest;
import io.berth.server.operations.Operation;
import io.berth.server.operations.RequestContext;
import io.berth.server.security.Caller;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.IdempotencyKeyHeader;
import io.berth.server.web.ListResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/applications")
@Tag(name = "Backups", description = "Backups and restores of an application's data through its operators")
class BackupController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final String ACCEPTED = "Accepted: the body is the operation that carries it out";

    private final BackupService backups;
    private final JsonMapper json;

    BackupController(BackupService backups, JsonMapper json) {
        this.backups = backups;
        this.json = json;
    }

    @PostMapping(path = "/{name}/backups", consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "backUpApplication",
            summary = "Back up the application's data once, through its operator, to a backup location",
            description = "Takes one backup of each workload whose kind the application's template version declares backups"
                    + " for (such as the `EtcdCluster` of etcd-cluster 1.1.0), on all targets or on those of `clusters`: Berth"
                    + " delivers the location's credentials as the Secret `berth-backup-<location>` in the target's namespace,"
                    + " creates the operator's one-shot resource (an `EtcdBackup`) and waits, within `timeoutSeconds` (default"
                    + " 300), for its status to say how it went. Each backup is recorded (`GET .../backups`) with its object"
                    + " key, and fails with the operator's reason. Refused with 409 while another operation of the application"
                    + " runs, 422 when its version declares no backup or the location does not exist. The backup operator"
                    + " must run in the namespace (the etcd-backup-operator example set).")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses({404, 409, 413, 422})
    ResponseEntity<Operation> backUp(@PathVariable String name, @RequestBody BackupRequest body,
                                     @IdempotencyKey @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
                                     @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return accepted(backups.backUp(name, body, context(caller, key, request, body)));
    }

    @GetMapping("/{name}/backups")
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "listApplicationBackups",
            summary = "List the application's backups, newest first",
            description = "Every backup recorded for the application, one-shot and scheduled: target, workload, location, object"
                    + " key, the revision it holds (etcd's), size where known, when it started and finished, its state"
                    + " (`Running`, `Succeeded`, `Failed` with the operator's `reason`, or `Pruned` once the operator deleted its"
                    + " object to keep a schedule's `maxBackups`). A page at a time; the cursor is the last backup's id.")
    @ApiErrorResponses({404, 422})
    ListResponse<Backup> list(@PathVariable String name, @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return ListResponse.ofOneMore(backups.list(name, backupAfter(cursor), size + 1), size, b -> b.id().toString());
    }

    @GetMapping("/{name}/backups/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "getApplicationBackup", summary = "Get one of the application's backups",
            description = "One backup as `GET .../backups` lists it.")
    @ApiErrorResponses({404})
    Backup get(@PathVariable String name, @PathVariable UUID id) {
        return backups.get(name, id);
    }

    @PostMapping(path = "/{name}/restore", consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "restoreApplication",
            summary = "Replace a workload's live data with a backup's, through its restore operator",
            description = "Restores the workload of one `Succeeded` backup on the target where it was taken. A restore replaces"
                    + " the live data, so `confirm` must repeat the application's name (422 otherwise). Berth delivers the"
                    + " location's credentials, deletes an earlier restore resource of the same name (an operator acts once per"
                    + " resource), creates the declared one (an `EtcdRestore`: the operator deletes the EtcdCluster, creates it"
                    + " again paused, seeds one member from the backup and lets the etcd operator grow it back) and waits, within"
                    + " `timeoutSeconds`, for the operator's success and then for the workload to be Healthy again. Audited;"
                    + " refused with 409 while another operation of the application runs. The restore operator must run in"
                    + " the namespace (the etcd-restore-operator example set).")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses({404, 409, 413, 422})
    ResponseEntity<Operation> restore(@PathVariable String name, @RequestBody RestoreRequest body,
                                      @IdempotencyKey @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
                                      @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return accepted(backups.restore(name, body, context(caller, key, request, body)));
    }

    @GetMapping("/{name}/backup-schedule")
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "getApplicationBackupSchedule",
            summary = "Get the application's backup schedule",
            description = "The schedule in force (set by the last successful `PUT`), or 404 when the application has none.")
    @ApiErrorResponses({404})
    BackupSchedule schedule(@PathVariable String name) {
        return backups.schedule(name);
    }

    @PutMapping(path = "/{name}/backup-schedule", consumes = "application/json")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "setApplicationBackupSchedule",
            summary = "Back the application up every intervalSeconds, keeping maxBackups per target",
            description = "Creates or changes, on every target, the operator's periodic backup (an `EtcdBackup` with a"
                    + " `backupPolicy`) to `location`, every `intervalSeconds`, the operator keeping the newest `maxBackups`"
                    + " objects (0: all). The operator takes the first backup one interval after the schedule is set. Berth"
                    + " records each scheduled backup as the operator reports it, and marks `Pruned` those whose objects the"
                    + " operator deleted. Carried out by an operation (409 while another runs).")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses({404, 409, 413, 422})
    ResponseEntity<Operation> setSchedule(@PathVariable String name, @RequestBody ScheduleRequest body,
                                          @IdempotencyKey @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
                                          @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return accepted(backups.setSchedule(name, body, context(caller, key, request, body)));
    }

    @DeleteMapping("/{name}/backup-schedule")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "removeApplicationBackupSchedule",
            summary = "Stop the application's scheduled backups",
            description = "Deletes the operator's periodic backup resources on every target; the objects already written stay"
                    + " (and stay recorded). Carried out by an operation; 404 when there is no schedule.")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses({404, 409})
    ResponseEntity<Operation> removeSchedule(@PathVariable String name,
                                             @IdempotencyKey @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String key,
                                             @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return accepted(backups.removeSchedule(name, context(caller, key, request, null)));
    }

    /** The backup a page continues after: the id inside the cursor. */
    private static UUID backupAfter(String cursor) {
        String after = Cursors.decode(cursor);
        try {
            return after == null ? null : UUID.fromString(after);
        } catch (IllegalArgumentException notAnId) {
            throw Cursors.foreignCursor();
        }
    }

    private RequestContext context(Caller caller, String key, HttpServletRequest request, Object body) {
        return RequestContexts.of(caller, IdempotencyKeyHeader.parse(key), request, body, json);
    }

    private static ResponseEntity<Operation> accepted(Operation operation) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/operations/" + operation.id())).body(operation);
    }
}
