package io.berth.server.access;

import io.berth.server.applications.ApplicationNotFoundException;
import io.berth.server.operations.OperationNotFoundException;
import io.berth.server.projects.ProjectDirectory;
import io.berth.template.TemplateSetNotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One resource of a project, as a request path names it, and what a request for it is told when it
 * does not exist (so that one the caller may not see can be answered the same way).
 */
record ScopedResource(Kind kind, String key) {

    enum Kind { APPLICATION, OPERATION, TEMPLATE_SET, PROJECT }

    /** The resource a handler's path pattern names, if it names one of a project. */
    static Optional<ScopedResource> of(String pattern, Map<String, String> variables) {
        if (pattern == null || variables == null) {
            return Optional.empty();
        }
        if (pattern.startsWith("/api/v1/applications/{name}")) {
            return Optional.of(new ScopedResource(Kind.APPLICATION, variables.get("name")));
        }
        if (pattern.startsWith("/api/v1/operations/{id}")) {
            return Optional.of(new ScopedResource(Kind.OPERATION, variables.get("id")));
        }
        if (pattern.startsWith("/api/v1/template-sets/{name}")) {
            return Optional.of(new ScopedResource(Kind.TEMPLATE_SET, variables.get("name")));
        }
        if (pattern.startsWith("/api/v1/projects/{name}")) {
            return Optional.of(new ScopedResource(Kind.PROJECT, variables.get("name")));
        }
        return Optional.empty();
    }

    /** The same exception the endpoint throws for a resource that does not exist. */
    RuntimeException notFound() {
        return switch (kind) {
            case APPLICATION -> new ApplicationNotFoundException(key);
            case OPERATION -> new OperationNotFoundException(UUID.fromString(key));
            case TEMPLATE_SET -> new TemplateSetNotFoundException(key);
            case PROJECT -> ProjectDirectory.noProjectNamed(key);
        };
    }
}
