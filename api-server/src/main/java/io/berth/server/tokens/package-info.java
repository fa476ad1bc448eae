/**
 * API tokens: created by admins (the value is shown once), stored as SHA-256 hashes, revoked by
 * deleting them; and the bootstrap admin token of a first start.
 */
package io.berth.server.tokens;
