package io.berth.server.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A valid JWT to a Berth caller: named by the username claim, with the roles its groups are bound to,
 * globally (configuration) and per project (configuration and the projects' own bindings). A person whose
 * groups are bound to nothing is authenticated and may do nothing (403, not 401: the token was good).
 */
class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    /** When groups give several global roles, the first of these that is given wins. */
    private static final List<Role> GLOBAL_PRECEDENCE = List.of(Role.admin, Role.operator, Role.clusterAdmin, Role.viewer, Role.metrics);

    private static final int MAX_NAME = 255;

    private final OidcSettings settings;
    private final GroupRoles projects;

    JwtCallers(OidcSettings settings, GroupRoles projects) {
        this.settings = settings;
        this.projects = projects;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<String> groups = groups(jwt.getClaims().get(settings.groupsClaim()));
        Role global = settings.bindings().stream()
                .filter(b -> b.project() == null && groups.contains(b.group()))
                .map(OidcSettings.Binding::role)
                .min(Comparator.comparingInt(GLOBAL_PRECEDENCE::indexOf)).orElse(null);
        Map<UUID, Role> inProjects = projects.inProjects(groups);
        Caller caller = new Caller(name(jwt), Caller.Kind.USER, global, inProjects);
        return UsernamePasswordAuthenticationToken.authenticated(caller, jwt, caller.authorities());
    }

    /** Who acts, as audit records keep it (at most 255 characters: a longer name is refused, never cut). */
    private String name(Jwt jwt) {
        String name = Optional.ofNullable(jwt.getClaimAsString(settings.usernameClaim())).filter(n -> !n.isBlank())
                .orElse(jwt.getSubject());
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new InvalidBearerTokenException("The token names nobody Berth can record: its '" + settings.usernameClaim()
                    + "' (or 'sub') claim must be 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    /** The groups claim as a list: a JSON array, or one string of names separated by spaces or commas. */
    static List<String> groups(Object claim) {
        if (claim instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text) {
            return Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        }
        return List.of();
    }
}
