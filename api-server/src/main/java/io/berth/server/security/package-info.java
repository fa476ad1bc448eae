/**
 * Authentication by bearer token and the three roles. The tokens themselves are kept by
 * {@code io.berth.server.tokens}, which implements {@link io.berth.server.security.TokenAuthenticator}.
 */
package io.berth.server.security;
