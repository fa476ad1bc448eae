package io.berth.server.security;

import java.util.Optional;

/** Resolves a stream ticket to the principal it was issued to, once: a ticket works a single time. */
public interface StreamTicketRedeemer {

    Optional<Caller> redeem(String ticket);
}
