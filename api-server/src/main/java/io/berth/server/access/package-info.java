/**
 * Who may reach which project's resources. Every request to one resource of a project (an application,
 * an operation, a template set, a project) passes {@link io.berth.server.access.ProjectAccessInterceptor}:
 * a resource in a project the caller does not belong to answers 404 exactly as one that does not exist,
 * and one it may see but not change answers 403. Lists are filtered by the services, from
 * {@link io.berth.server.security.Caller#visibleProjects()}.
 */
package io.berth.server.access;
