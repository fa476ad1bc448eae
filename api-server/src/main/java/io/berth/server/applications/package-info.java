/**
 * Applications: deploy a template-set version to clusters and change it through numbered revisions
 * (upgrade, scale, rollback) or delete it. Requests are checked whole before anything is written
 * ({@link io.berth.server.applications.ApplicationPlanner}), recorded in one transaction
 * ({@link io.berth.server.applications.ApplicationLedger}) and carried out by durable operations whose
 * steps are {@link io.berth.server.applications.ApplicationSteps}.
 */
package io.berth.server.applications;
