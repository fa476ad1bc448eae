package io.berth.server.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a JWT from the organisation's identity provider becomes a Berth caller ({@code berth.oidc.*}).
 * Which provider to trust is Spring's: {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 * {@code jwk-set-uri}, and {@code audiences}; without either, Berth accepts its own tokens only.
 *
 * @param usernameClaim the claim naming the person, as audit records show them ({@code sub} when absent)
 * @param groupsClaim   the claim listing the person's groups (a JSON array, or names separated by spaces or commas)
 * @param bindings      groups given a role: in a project (by name), or globally when no project is named
 */
@ConfigurationProperties("berth.oidc")
public record OidcSettings(String usernameClaim, String groupsClaim, List<Binding> bindings) {

    /** A group of the identity provider and the role its members get. */
    public record Binding(String group, String project, Role role) {
    }

    public OidcSettings {
        usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
        for (Binding binding : bindings) {
            if (binding.group() == null || binding.group().isBlank() || binding.role() == null) {
                throw new IllegalArgumentException("berth.oidc.bindings: each binding names a group and a role");
            }
            if (binding.project() != null && !Role.PROJECT_ROLES.contains(binding.role())) {
                throw new IllegalArgumentException("berth.oidc.bindings: group '" + binding.group()
                        + "' in a project can be viewer, operator or admin, not " + binding.role().value());
            }
        }
    }
}
