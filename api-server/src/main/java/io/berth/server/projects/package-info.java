/**
 * Projects: the unit of tenancy. A team works in a project; its applications and template sets belong
 * to it, and its {@link io.berth.server.projects.Destination destinations} say which clusters and
 * namespaces its applications may target. Every application and template set that existed before
 * projects belongs to {@code default}, which allows every cluster and namespace.
 */
package io.berth.server.projects;
