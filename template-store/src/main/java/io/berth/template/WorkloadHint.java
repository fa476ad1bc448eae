package io.berth.template;

/**
 * What a version declares about one workload kind it contains, typically a custom resource: how to
 * scale it and how to judge its health. Either part may be {@code null}, not both.
 */
public record WorkloadHint(String apiVersion, String kind, ScaleHint scale, HealthHint health) {
}
