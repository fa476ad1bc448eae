package io.berth.server.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * Describes the If-Match header the same way wherever an operation takes it: Berth's ETags are the
 * resource's version, and a stale one changes nothing.
 */
final class ConditionalRequests {

    private static final String IF_MATCH = "The ETag of the resource as last read (GET answers it in the ETag header, e.g."
            + " \"3\"). When the resource has changed since, nothing is changed and the answer is 412"
            + " precondition-failed: read it again and retry. Without If-Match, a change that loses a race with another"
            + " writer is 409 conflict and changes nothing; it never overwrites the other writer's change.";

    private ConditionalRequests() {
    }

    static void describe(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if ("header".equals(parameter.getIn()) && "If-Match".equalsIgnoreCase(parameter.getName())
                    && parameter.getDescription() == null) {
                parameter.setDescription(IF_MATCH);
                parameter.setExample("\"3\"");
            }
        }
    }
}
