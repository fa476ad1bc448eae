package io.berth.server.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a token may do. Each role includes the ones below it: metrics reads the Prometheus scrape and
 * nothing of the API (a scraper's token), a viewer reads, an operator also deploys and scales, an admin
 * also manages clusters and tokens.
 */
public enum Role {
    metrics, viewer, operator, admin;

    /** Spring authorities: the role and every role it includes, so that checks need no hierarchy. */
    public List<GrantedAuthority> authorities() {
        return java.util.Arrays.stream(values())
                .filter(r -> r.ordinal() <= ordinal())
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name().toUpperCase()))
                .toList();
    }
}
