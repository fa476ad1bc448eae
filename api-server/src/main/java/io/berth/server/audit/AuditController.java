package io.berth.server.audit;

import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.ListResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, for admins. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who changed which application, on which clusters, and how it ended; who changed who may do what")
class AuditController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(operationId = "listAuditRecords",
            summary = "List audit records, newest first",
            description = "Lists what was changed through Berth, newest first: who (the token's or the person's name)"
                    + " deployed, changed, scaled, rolled back or deleted which application, on which clusters, with which"
                    + " request id, and how the operation ended, and the project of that application; and who created,"
                    + " changed or deleted a project, set its groups, or created or revoked a token (with its project)."
                    + " Optionally only one project's or one application's records. Records are written by Berth, in the"
                    + " transaction of the change, and never changed.")
    @ApiErrorResponses({422})
    ListResponse<AuditRecord> list(
            @Parameter(description = "Only the records of this project (its applications, groups and tokens)") @RequestParam(required = false) String project,
            @Parameter(description = "Only this application's records") @RequestParam(required = false) String application,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Long before = Cursors.decodeNumber(cursor);
        return ListResponse.ofOneMore(audit.list(project, application, before == null ? Long.MAX_VALUE : before, size + 1), size,
                r -> String.valueOf(r.id()));
    }
}
