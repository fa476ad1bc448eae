package io.berth.server.applications;

import io.berth.server.domain.NotFoundException;

/**
 * The template version a change was checked against was deleted before the change could be recorded:
 * planning found it, the ledger no longer does.
 */
public class TemplateVersionGoneException extends NotFoundException {

    public TemplateVersionGoneException(String templateSet, String version) {
        super("Version " + version + " of template set '" + templateSet + "' does not exist (any more)");
    }
}
