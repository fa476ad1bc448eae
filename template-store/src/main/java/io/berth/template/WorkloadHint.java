package io.berth.template;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a version declares about one workload kind it contains, typically a custom resource: how to
 * scale it, how to judge its health and how its operator backs it up and restores it. Scale and
 * health may be {@code null}, not both; {@code backup} is {@code null} for a kind Berth does not back up
 * (and then left out of the JSON, so the digests of versions without it stay as they were).
 */
public record WorkloadHint(String apiVersion, String kind, ScaleHint scale, HealthHint health,
                           @JsonInclude(JsonInclude.Include.NON_NULL) BackupHint backup) {

    public WorkloadHint(String apiVersion, String kind, ScaleHint scale, HealthHint health) {
        this(apiVersion, kind, scale, health, null);
    }
}
