/**
 * Authentication by bearer token and the four roles (metrics, viewer, operator, admin), for the API and
 * for the actuator's endpoints ({@code ActuatorSecurityConfiguration}). The tokens themselves are kept by
 * {@code io.berth.server.tokens}, which implements {@link io.berth.server.security.TokenAuthenticator}.
 */
package io.berth.server.security;
