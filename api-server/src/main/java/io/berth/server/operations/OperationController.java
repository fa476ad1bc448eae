package io.berth.server.operations;

import io.berth.server.security.Caller;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.ListResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operations: read them (viewers), cancel them (operators). */
@RestController
@RequestMapping("/api/v1/operations")
@Tag(name = "Operations", description = "Durable asynchronous work on clusters: deploys, upgrades, scales, rollbacks, deletes")
class OperationController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final OperationService operations;

    OperationController(OperationService operations) {
        this.operations = operations;
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "listOperations",
            summary = "List operations, newest first",
            description = "Lists operations newest first, a page at a time, optionally only one application's or only those in"
                    + " one state (`Pending`, `Running`, `Succeeded`, `Failed`, `Cancelled`).")
    @ApiErrorResponses({422})
    ListResponse<Operation> list(
            @Parameter(description = "Only this application's operations") @RequestParam(required = false) String application,
            @Parameter(description = "Only operations in this state") @RequestParam(required = false) OperationState state,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Instant beforeAt = null;
        UUID beforeId = null;
        String key = Cursors.decode(cursor);
        if (key != null) {
            String[] parts = key.split("\\|", 2);
            try {
                beforeAt = Instant.parse(parts[0]);
                beforeId = UUID.fromString(parts[1]);
            } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw Cursors.foreignCursor();
            }
        }
        return ListResponse.ofOneMore(operations.list(application, state, beforeAt, beforeId, size + 1), size,
                op -> op.createdAt() + "|" + op.id());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "getOperation",
            summary = "Get an operation with its per-target steps",
            description = "Returns the operation with its state, the error that ended it if any, and its steps per target with"
                    + " their attempts. Read it until its state is `Succeeded`, `Failed` or `Cancelled`; an operation"
                    + " survives a restart of Berth and goes on where it was.")
    @ApiErrorResponses({404})
    Operation get(@PathVariable UUID id) {
        return operations.get(id);
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasRole('OPERATOR')")
    @io.swagger.v3.oas.annotations.Operation(operationId = "cancelOperation",
            summary = "Cancel an operation: at once when it has not started, "
                    + "else after the calls in flight (cancelling twice is harmless, so no Idempotency-Key is needed)",
            description = "An operation that has not started is cancelled at once; a running one stops after the calls it has"
                    + " in flight, and what it already applied stays applied. Cancelling an operation that is cancelling is"
                    + " harmless and answers it again; one that has ended (`Succeeded`, `Failed`, `Cancelled`) is 409.")
    @ApiResponse(responseCode = "202", description = "Cancelled, or cancelling",
            content = @Content(schema = @Schema(implementation = Operation.class)))
    @ApiErrorResponses({404, 409})
    ResponseEntity<Operation> cancel(@PathVariable UUID id,
                                                                @AuthenticationPrincipal Caller caller) {
        Operation operation = operations.cancel(id, caller.name(), MDC.get("requestId"));
        return ResponseEntity.accepted().location(URI.create("/api/v1/operations/" + id)).body(operation);
    }
}
