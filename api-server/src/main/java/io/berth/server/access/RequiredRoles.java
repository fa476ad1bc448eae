package io.berth.server.access;

import io.berth.server.security.Role;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * The role an endpoint needs in a project: the one named by its {@code @PreAuthorize("hasRole('...')")}
 * (on the method, else on its controller), read once per handler.
 */
final class RequiredRoles {

    private static final Pattern HAS_ROLE = Pattern.compile("hasRole\\('([A-Z_]+)'\\)");
    private static final Map<Method, Optional<Role>> READ = new ConcurrentHashMap<>();

    private RequiredRoles() {
    }

    static Optional<Role> of(HandlerMethod handler) {
        return READ.computeIfAbsent(handler.getMethod(), method -> {
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
            }
            if (rule == null) {
                return Optional.empty();
            }
            Matcher matcher = HAS_ROLE.matcher(rule.value());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            String authority = "ROLE_" + matcher.group(1);
            return Arrays.stream(Role.values()).filter(role -> role.authority().equals(authority)).findFirst();
        });
    }
}
