package io.berth.server.tokens;

import io.berth.server.domain.NotFoundException;

/** No token has the name. */
public class TokenNotFoundException extends NotFoundException {

    public TokenNotFoundException(String name) {
        super("No token named '" + name + "'");
    }
}
