package io.berth.template;

/** A template set with the name exists already. */
public class TemplateSetAlreadyExistsException extends RuntimeException {

    public TemplateSetAlreadyExistsException(String name) {
        super("A template set named '" + name + "' exists already", null, false, false);
    }
}
