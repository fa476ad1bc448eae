package io.berth.server.domain;

import java.util.List;

/**
 * Targets outside the destinations of the application's project: the change is refused whole (403
 * {@code destination-not-allowed}, each target named), and nothing is written.
 */
public class DestinationNotAllowedException extends RuntimeException {

    private final transient List<Violation> violations;

    public DestinationNotAllowedException(String project, List<Violation> violations) {
        super(violations.size() + " target(s) lie outside the destinations of project '" + project + "'", null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
