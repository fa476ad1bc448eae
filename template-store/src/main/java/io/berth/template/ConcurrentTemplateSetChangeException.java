package io.berth.template;

/**
 * Another request changed the template set between this request's read and its write, and this
 * request named no version (no If-Match): it lost the race and changed nothing. Sending it again
 * applies it to the new state.
 */
public class ConcurrentTemplateSetChangeException extends RuntimeException {

    public ConcurrentTemplateSetChangeException(String name) {
        super("Template set '" + name + "' was changed by another request at the same time; nothing was changed by this"
                + " one: read the set again and send the change again", null, false, false);
    }
}
