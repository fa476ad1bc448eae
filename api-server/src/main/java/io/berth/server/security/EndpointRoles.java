package io.berth.server.security;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * The roles an endpoint's {@code @PreAuthorize("hasRole('...')")} or {@code hasAnyRole(...)} names (on the
 * method, else on its controller), read once per handler: what the project check asks of the caller's role
 * in a project and what the OpenAPI document says, from the same annotation that opens the endpoint.
 */
public final class EndpointRoles {

    private static final Pattern HAS_ROLE = Pattern.compile("hasAnyRole\\((.*)\\)|hasRole\\((.*)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");
    private static final Map<Method, List<Role>> READ = new ConcurrentHashMap<>();

    private EndpointRoles() {
    }

    /** The roles named, in the annotation's order; empty without an annotation or with another expression. */
    public static List<Role> namedBy(HandlerMethod handler) {
        return READ.computeIfAbsent(handler.getMethod(), method -> {
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
            }
            Matcher matcher = rule == null ? null : HAS_ROLE.matcher(rule.value());
            if (matcher == null || !matcher.matches()) {
                return List.of();
            }
            List<Role> named = new ArrayList<>();
            Matcher quoted = QUOTED.matcher(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            while (quoted.find()) {
                String authority = "ROLE_" + quoted.group(1);
                Arrays.stream(Role.values()).filter(role -> role.authority().equals(authority)).forEach(named::add);
            }
            return List.copyOf(named);
        });
    }
}
