package io.berth.template;

/** The template set exists but has no version with that number. */
public class TemplateVersionNotFoundException extends RuntimeException {

    public TemplateVersionNotFoundException(String templateSet, String version) {
        super("Template set '" + templateSet + "' has no version '" + version + "'", null, false, false);
    }
}
