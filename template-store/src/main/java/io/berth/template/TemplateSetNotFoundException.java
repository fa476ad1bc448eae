package io.berth.template;

/** No template set has the name. */
public class TemplateSetNotFoundException extends RuntimeException {

    public TemplateSetNotFoundException(String name) {
        super("No template set named '" + name + "' exists", null, false, false);
    }
}
