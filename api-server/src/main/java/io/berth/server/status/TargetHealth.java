package io.berth.server.status;

/** A target's health and, unless it is Healthy, why. */
public record TargetHealth(Health health, String reason) {
}
