package io.berth.server.domain;

/**
 * One thing wrong with a request: the field as the request spells it ({@code targets[0].cluster},
 * {@code values.replicas}, {@code Idempotency-Key}) and what is wrong with it.
 */
public record Violation(String field, String message) {
}
