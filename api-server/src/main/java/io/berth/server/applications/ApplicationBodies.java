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
     * @param project         the project it belongs to (default {@code default}); its targets must lie within the
     *                        project's destinations
     * @param createNamespace create the target namespaces when missing (default true)
     * @param selfHeal        re-apply the current revision by itself whenever a target drifts (default false)
     * @param waitForReady    (JSON {@code wait}) wait for the workloads to become ready before a target counts as done
     * @param timeoutSeconds  how long to wait per target (default 300)
     */
    public record CreateApplication(
            @NotNull @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
            @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String project,
            @NotBlank @Size(max = Names.MAX_LENGTH) String templateSet,
            @NotBlank @Size(max = 128) String version,
            Map<String, Object> values,
            @Valid @Size(max = 200) List<TargetBody> targets,
            @Valid ClusterSelectorBody clusterSelector,
            Map<String, String> labels,
            Boolean createNamespace,
            Boolean selfHeal,
            @JsonProperty("wait") Boolean waitForReady,
            @Min(1) @Max(3600) Integer timeoutSeconds) {
    }

    /**
     * An upgrade by PATCH: a JSON Merge Patch (RFC 7386) of the application's spec, which is a
     * {@link ReplaceApplication} with the current version, values, targets, selector, labels, {@code selfHeal} and
     * {@code createNamespace}. Fields left out stay; {@code null} removes a field (a value, a label, the
     * selector, the targets); objects ({@code values}, {@code labels}, {@code clusterSelector} and the
     * objects inside values) merge key by key at every depth; arrays ({@code targets}, lists inside
     * values) are replaced whole. So {@code {"values": {"image": "nginx:1.28"}}} changes the image and
     * nothing else. {@code wait} and {@code timeoutSeconds} are not kept: they apply to this change only.
     * The merged spec must be valid as a PUT body is.
     *
     * <p>This record is the patch's shape: a patch must bind to it (no unknown field, no wrong type)
     * before it is applied.
     */
    public record UpdateApplication(
            @Size(max = 128) String version,
            Map<String, Object> values,
            @Valid @Size(max = 200) List<TargetBody> targets,
            @Valid ClusterSelectorBody clusterSelector,
            Map<String, String> labels,
            Boolean createNamespace,
            Boolean selfHeal,
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
            Boolean selfHeal,
            @JsonProperty("wait") Boolean waitForReady,
            @Min(1) @Max(3600) Integer timeoutSeconds) {

        /** The current spec as a document a merge patch applies to: explicit targets only, no wait or timeout. */
        static ReplaceApplication of(ApplicationSpec spec, Map<String, String> labels, boolean selfHeal) {
            List<TargetBody> explicit = spec.targets().stream().filter(t -> !t.fromSelector())
                    .map(t -> new TargetBody(t.cluster(), t.namespace(), t.values())).toList();
            ClusterSelectorSpec selector = spec.clusterSelector();
            return new ReplaceApplication(spec.version(), spec.values(), explicit, selector == null ? null
                    : new ClusterSelectorBody(selector.labelSelector(), selector.namespace(), selector.values()),
                    labels, spec.createNamespace(), selfHeal, null, null);
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

    /**
     * @param clusters only these targets' clusters (default: all targets)
     */
    public record SyncApplication(
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
