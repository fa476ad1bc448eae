package io.berth.server.security;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** The roles in projects that a person's identity-provider groups give (bindings kept with the projects). */
public interface GroupRoles {

    /** By project id, the highest role any of these groups has there. */
    Map<UUID, Role> inProjects(Collection<String> groups);
}
