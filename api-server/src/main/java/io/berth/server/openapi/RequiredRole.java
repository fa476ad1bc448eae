package io.berth.server.openapi;

import io.berth.server.security.Role;
import io.swagger.v3.oas.models.Operation;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Says in an operation's description which roles may call it, read from the same {@link PreAuthorize}
 * that enforces it (on the method, else on its controller), so the document cannot claim another role.
 */
final class RequiredRole {

    private static final Pattern HAS_ROLE = Pattern.compile("hasRole\\('([A-Za-z]+)'\\)");

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
        if (matcher.matches()) {
            Role least = Role.valueOf(matcher.group(1).toLowerCase(Locale.ROOT));
            String roles = Arrays.stream(Role.values()).filter(role -> role.ordinal() >= least.ordinal())
                    .map(role -> "`" + role.name() + "`").collect(Collectors.joining(" or "));
            OperationText.append(operation, "Role: " + roles + ".");
        }
    }
}
