package io.berth.server.domain;

/** The conflict of a create: the name is taken. */
public abstract class AlreadyExistsException extends ConflictException {

    protected AlreadyExistsException(String message) {
        super(message);
    }
}
