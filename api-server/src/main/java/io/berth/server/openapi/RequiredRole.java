package io.berth.server.openapi;

import io.berth.server.security.Role;
import io.swagger.v3.oas.models.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Says in an operation's description which roles may call it, read from the same {@link PreAuthorize}
 * that enforces it (on the method, else on its controller), so the document cannot claim another role.
 */
final class RequiredRole {

    private static final Pattern HAS_ROLE = Pattern.compile("hasAnyRole\\((.*)\\)|hasRole\\((.*)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

    private RequiredRole() {
    }

    static void describe(Operation operation, HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule == null) {
            return;
        }
        Matcher matcher = HAS_ROLE.matcher(rule.value());
        if (!matcher.matches()) {
            return;
        }
        List<Role> named = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        while (quoted.find()) {
            String authority = "ROLE_" + quoted.group(1);
            Arrays.stream(Role.values()).filter(role -> role.authority().equals(authority)).forEach(named::add);
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
