package io.berth.server.clusters;

import io.berth.cluster.Cluster;
import io.berth.server.web.Names;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of the cluster endpoints. The records holding a kubeconfig keep it out of toString. */
final class ClusterRequests {

    private ClusterRequests() {
    }

    /**
     * @param kubeconfig       the kubeconfig YAML; only inline credentials (tokens, *-data fields) are accepted
     * @param context          which context to use when the kubeconfig has several; default its current-context
     * @param allowInsecureTls allow an http server URL or insecure-skip-tls-verify (not for production)
     * @param allowProxy       allow a proxy-url in the cluster entry: Berth then connects to the cluster through it
     */
    record RegisterCluster(
            @NotNull @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
            @Size(max = 253) String displayName,
            @Size(max = 2048) String description,
            Map<String, String> labels,
            @NotBlank String kubeconfig,
            @Size(max = 253) String context,
            Boolean allowInsecureTls,
            Boolean allowProxy) {

        @Override
        public String toString() {
            return "RegisterCluster[name=" + name + ", context=" + context + "]";
        }
    }

    /**
     * A cluster's descriptive fields, the document a PATCH (JSON Merge Patch, RFC 7386) applies to:
     * fields left out stay, null removes one (no display name, no description), labels merge key by
     * key and a null label value removes that label.
     */
    record UpdateCluster(
            @Size(max = 253) String displayName,
            @Size(max = 2048) String description,
            Map<String, String> labels) {

        static UpdateCluster of(Cluster cluster) {
            return new UpdateCluster(cluster.displayName(), cluster.description(), cluster.labels());
        }
    }

    /** The same kubeconfig rules and flags as {@link RegisterCluster}. */
    record RotateCredentials(
            @NotBlank String kubeconfig,
            @Size(max = 253) String context,
            Boolean allowInsecureTls,
            Boolean allowProxy) {

        @Override
        public String toString() {
            return "RotateCredentials[context=" + context + "]";
        }
    }

    /** One namespace of a cluster. */
    record NamespaceItem(String name) {
    }
}
