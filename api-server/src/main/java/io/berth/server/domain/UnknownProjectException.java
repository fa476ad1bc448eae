package io.berth.server.domain;

import java.util.List;

/** A request names a project that does not exist or that its caller does not see: the same answer for both. */
public class UnknownProjectException extends InvalidRequestException {

    public UnknownProjectException(String project) {
        super("No project named '" + project + "'", List.of(new Violation("project", "no project named '" + project + "'")));
    }
}
