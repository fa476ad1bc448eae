/**
 * The audit trail: one record per accepted mutation of an application (who, what, which clusters,
 * request id) and one when its operation ends, readable by admins at {@code /api/v1/audit}.
 */
package io.berth.server.audit;
