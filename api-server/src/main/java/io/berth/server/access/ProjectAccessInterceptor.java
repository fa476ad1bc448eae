package io.berth.server.access;

import io.berth.server.security.Caller;
import io.berth.server.security.EndpointRoles;
import io.berth.server.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Before any handler of one project resource runs: a resource in a project the caller does not see is
 * answered as the endpoint answers one that does not exist (404, same body), and a request that needs
 * more than the caller's role in the resource's project is 403. The role an endpoint needs is the one
 * its {@code @PreAuthorize} opens it to, now asked of the resource's project.
 *
 * <p>A caller whose global role covers every project needs no lookup: its role was checked by
 * {@code @PreAuthorize}. A caller who would be refused by {@code @PreAuthorize} anyway is left to it, so
 * that it gets the same 403 for a hidden resource as for a missing one.
 */
@Component
class ProjectAccessInterceptor implements HandlerInterceptor {

    private final ResourceOwners owners;

    ProjectAccessInterceptor(ResourceOwners owners) {
        this.owners = owners;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Optional<Caller> caller = caller();
        if (!(handler instanceof HandlerMethod method) || caller.isEmpty() || caller.get().seesEveryProject()) {
            return true;
        }
        Optional<ScopedResource> resource = ScopedResource.of(
                (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE),
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE));
        // a single role named; an endpoint open to several (hasAnyRole) concerns no one project
        List<Role> named = EndpointRoles.namedBy(method);
        Optional<Role> needed = named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
        if (resource.isEmpty() || needed.isEmpty() || !opens(caller.get(), needed.get())) {
            return true;
        }
        Optional<ResourceOwners.Owner> owner = owners.of(resource.get());
        if (owner.isEmpty()) {
            return true;
        }
        boolean shared = owner.get().sharedForReading();
        if (!shared && !caller.get().sees(owner.get().project())) {
            throw resource.get().notFound();
        }
        // a shared template set is read by all, and changed only by its own project's operators
        boolean sharedRead = shared && needed.get() == Role.viewer;
        if (!sharedRead && !caller.get().may(owner.get().project(), needed.get())) {
            throw new AccessDeniedException("Your role in this project does not allow this request");
        }
        return true;
    }

    /** Whether {@code @PreAuthorize} lets this caller in: else it refuses, whatever the resource. */
    private static boolean opens(Caller caller, Role needed) {
        return caller.authorities().stream().anyMatch(a -> a.getAuthority().equals(needed.authority()));
    }

    private static Optional<Caller> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller c ? Optional.of(c) : Optional.empty();
    }
}
