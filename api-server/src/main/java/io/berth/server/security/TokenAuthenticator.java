package io.berth.server.security;

import java.util.Optional;

/** Resolves a presented bearer token to its principal, if the token is known and not expired. */
public interface TokenAuthenticator {

    Optional<Caller> authenticate(String presentedToken);
}
