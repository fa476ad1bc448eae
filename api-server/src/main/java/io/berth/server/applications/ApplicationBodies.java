package io.berth.server.applications;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.server.web.Names;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Request bodies of the application endpoints. */
public final class ApplicationBodies {

    private ApplicationBodies() {
    }

    /** A cluster and namespace to deploy to; {@code values} override the application's common values there. */
    public record TargetBody(
            @NotNull @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String cluster,
            @NotNull @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String namespace,
            Map<String, Object> values) {
    }

    /**
     * Every registered cluster whose labels match {@code labelSelector} (Kubernetes selector syntax),
     * in {@code namespace}. Resolved when a revision is made and recorded in it.
     */
    public record ClusterSelectorBody(
            @NotBlank @Size(max = 1024) String labelSelector,
            @NotNull @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String namespace,
            Map<String, Object> values) {
    }

    /**
     * @param createNamespace create the target namespaces when missing (default true)
     * @param waitForReady    (JSON {@code wait}) wait for the workloads to become ready before a target counts as done
     * @param timeoutSeconds  how long to wait per target (default 300)
     */
    public record CreateApplication(
            @NotNull @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
            @NotBlank @Size(max = Names.MAX_LENGTH) String templateSet,
            @NotBlank @Size(max = 128) String version,
            Map<String, Object> values,
            @Valid @Size(max = 200) List<TargetBody> targets,
            @Valid ClusterSelectorBody clusterSelector,
            Map<String, String> labels,
            Boolean createNamespace,
            @JsonProperty("wait") Boolean waitForReady,
            @Min(1) @Max(3600) Integer timeoutSeconds) {
    }

    /**
     * An upgrade. Fields left out (or null) keep their current value; {@code values} and {@code labels},
     * when given, replace the current ones whole. {@code targets} and {@code clusterSelector} together
     * say where the application runs: give either and both are replaced (the one left out becomes none);
     * give neither and both stay, the selector being resolved anew.
     */
    public record UpdateApplication(
            @Size(max = 128) String version,
            Map<String, Object> values,
            @Valid @Size(max = 200) List<TargetBody> targets,
            @Valid ClusterSelectorBody clusterSelector,
            Map<String, String> labels,
            Boolean createNamespace,
            @JsonProperty("wait") Boolean waitForReady,
            @Min(1) @Max(3600) Integer timeoutSeconds) {
    }

    /**
     * An upgrade that states the whole spec: what is left out is reset (no values, no labels, namespaces
     * created), not kept. Targets or a selector (or both) are required. Replica counts set with the
     * scale action are kept, as with every upgrade; scale again to change them.
     */
    public record ReplaceApplication(
            @NotBlank @Size(max = 128) String version,
            Map<String, Object> values,
            @Valid @Size(max = 200) List<TargetBody> targets,
            @Valid ClusterSelectorBody clusterSelector,
            Map<String, String> labels,
            Boolean createNamespace,
            @JsonProperty("wait") Boolean waitForReady,
            @Min(1) @Max(3600) Integer timeoutSeconds) {

        UpdateApplication asUpdate() {
            return new UpdateApplication(version, values == null ? Map.of() : values,
                    targets == null ? List.of() : targets, clusterSelector, labels == null ? Map.of() : labels,
                    createNamespace == null || createNamespace, waitForReady, timeoutSeconds);
        }
    }

    /**
     * @param workload {@code Kind/name} of the workload to scale; required when the application has several
     * @param clusters only these targets' clusters (default: all targets)
     */
    public record ScaleApplication(
            @NotNull @Min(0) @Max(10000) Integer replicas,
            @Size(max = 317) String workload,
            @Size(max = 200) List<@NotBlank String> clusters,
            @JsonProperty("wait") Boolean waitForReady,
            @Min(1) @Max(3600) Integer timeoutSeconds) {
    }

    /** @param revision the revision whose exact content is deployed again, as a new revision */
    public record RollbackApplication(
            @NotNull @Min(1) Integer revision,
            @JsonProperty("wait") Boolean waitForReady,
            @Min(1) @Max(3600) Integer timeoutSeconds) {
    }
}
