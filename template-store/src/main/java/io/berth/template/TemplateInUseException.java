package io.berth.template;

/** A template set or version cannot be deleted while an application revision uses it. */
public class TemplateInUseException extends RuntimeException {

    private TemplateInUseException(String message) {
        super(message, null, false, false);
    }

    static TemplateInUseException set(String name) {
        return new TemplateInUseException("Template set '" + name
                + "' has versions used by applications (current or past revisions); purge those applications first");
    }

    static TemplateInUseException version(String set, String version) {
        return new TemplateInUseException("Version " + version + " of template set '" + set
                + "' is used by applications (current or past revisions); purge those applications first");
    }
}
