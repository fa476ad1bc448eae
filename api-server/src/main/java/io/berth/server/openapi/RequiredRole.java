package io.berth.server.openapi;

import io.berth.server.security.EndpointRoles;
import io.berth.server.security.Role;
import io.swagger.v3.oas.models.Operation;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Says in an operation's description which roles may call it, read from the same {@link PreAuthorize}
 * that enforces it (on the method, else on its controller), so the document cannot claim another role.
 */
final class RequiredRole {

    private RequiredRole() {
    }

    static void describe(Operation operation, HandlerMethod handler) {
        List<Role> named = EndpointRoles.namedBy(handler);
        if (named.isEmpty()) {
            return;
        }
        String global = roles(Arrays.stream(Role.values()).filter(role -> named.stream().anyMatch(role::includes)));
        String inProject = roles(Role.PROJECT_ROLES.stream().sorted()
                .filter(role -> named.stream().anyMatch(n -> role.projectAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals(n.authority())))));
        OperationText.append(operation, "Role: " + global + " globally"
                + (inProject.isEmpty() ? "" : "; " + inProject + " in the project of what it concerns") + ".");
    }

    private static String roles(Stream<Role> roles) {
        return roles.map(role -> "`" + role.value() + "`").collect(Collectors.joining(" or "));
    }
}
