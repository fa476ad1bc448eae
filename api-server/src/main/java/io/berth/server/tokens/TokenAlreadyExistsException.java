package io.berth.server.tokens;

import io.berth.server.domain.AlreadyExistsException;

/** A token with the name exists (also when another create of the name committed first). */
public class TokenAlreadyExistsException extends AlreadyExistsException {

    public TokenAlreadyExistsException(String name) {
        super("A token named '" + name + "' already exists");
    }
}
