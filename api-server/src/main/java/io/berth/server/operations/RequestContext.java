package io.berth.server.operations;

/**
 * Who asked for a change and how to recognise a retry of the request.
 *
 * @param idempotencyKey the request's Idempotency-Key header, or null
 * @param fingerprint    sha256 of the request (method, path, body): one key, one request
 */
public record RequestContext(String actor, String requestId, String idempotencyKey, String fingerprint) {
}
