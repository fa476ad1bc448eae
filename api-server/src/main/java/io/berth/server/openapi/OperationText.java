package io.berth.server.openapi;

import io.swagger.v3.oas.models.Operation;

/** Paragraphs the customisers add to an operation's own description. */
final class OperationText {

    private OperationText() {
    }

    /**
     * Appends a paragraph to an operation that has a description of its own. One without is left
     * without, so that the document check reports it instead of passing on the generated text alone.
     */
    static void append(Operation operation, String paragraph) {
        String own = operation.getDescription();
        if (own != null && !own.isBlank()) {
            operation.setDescription(own + "\n\n" + paragraph);
        }
    }
}
