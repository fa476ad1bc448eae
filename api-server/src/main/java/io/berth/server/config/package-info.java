/** Berth's own settings ({@code berth.*}) and the beans that hand them to the modules. */
package io.berth.server.config;
