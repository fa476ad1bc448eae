/**
 * Berth's own settings ({@code berth.*}) and the beans that hand them to the modules; the one JSON
 * mapper's strict reading ({@link io.berth.server.config.JsonConfiguration}).
 */
package io.berth.server.config;
