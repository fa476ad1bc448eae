package io.berth.server.tokens;

import io.berth.server.security.Role;
import io.berth.server.security.Caller;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.ListResponse;
import io.berth.server.web.ProblemType;
import io.berth.server.web.Names;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Tokens", description = "API tokens and their roles: global ones (platform admins) and project tokens (their project's admins too)")
@PreAuthorize("hasRole('VIEWER')")
class TokenController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * @param name      DNS-1123 label naming the token
     * @param role      globally admin (the platform admin), cluster-admin, operator, viewer or metrics (the
     *                  Prometheus scrape only); in a project viewer, operator or admin
     * @param project   the project of a project token (a robot account for CI); a global token when absent
     * @param expiresAt when the token stops working; never when absent
     */
    record CreateTokenRequest(
            @NotNull @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
            @NotNull Role role,
            @Size(max = Names.MAX_LENGTH) String project,
            Instant expiresAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createToken",
            summary = "Create a token; its value is in this response only",
            description = "Creates an API token with a role and an optional expiry. A global token (no `project`: `viewer`,"
                    + " `operator`, `admin`, `cluster-admin` or `metrics`) is created by platform admins only; a project token"
                    + " (`project` named: `viewer`, `operator` or `admin` in that project) also by the project's admins. The"
                    + " token's value is in this response only: Berth stores only a hash of it. A name that is taken is 409"
                    + " `already-exists` (token names are unique across projects).")
    @ApiErrorResponses(value = 422, problems = ProblemType.ALREADY_EXISTS)
    CreatedToken create(@Valid @RequestBody CreateTokenRequest request, @AuthenticationPrincipal Caller caller) {
        return tokens.create(request.name(), request.role(), request.project(), request.expiresAt(), caller);
    }

    @GetMapping
    @Operation(operationId = "listTokens",
            summary = "List tokens (names, roles, expiry; never values)",
            description = "Lists the tokens the caller manages (every token for a platform admin, the tokens of the projects"
                    + " it administers otherwise) in name order, a page at a time: name, role, project, who created it and"
                    + " when, and when it expires. Never their values.")
    @ApiErrorResponses({422})
    ListResponse<TokenView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
                                 @AuthenticationPrincipal Caller caller) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return ListResponse.ofOneMore(tokens.list(caller, Cursors.decode(cursor), size + 1), size, TokenView::name);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteToken",
            summary = "Revoke a token",
            description = "Revokes the token at once: requests carrying it are 401 from now on. 404 when there is no token of"
                    + " that name that the caller manages.")
    @ApiErrorResponses({404})
    void delete(@PathVariable String name, @AuthenticationPrincipal Caller caller) {
        tokens.delete(caller, name);
    }
}
