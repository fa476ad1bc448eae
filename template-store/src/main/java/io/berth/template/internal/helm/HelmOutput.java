package io.berth.template.internal.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.berth.template.TemplateProblem;
import io.berth.template.internal.json.Mappers;
import io.berth.template.internal.json.ParserMessages;
import io.berth.template.internal.parse.DocumentChunk;
import io.berth.template.internal.parse.DocumentSplitter;
import io.berth.template.internal.render.ManifestIdentity;
import io.berth.template.internal.render.ManifestRules;
import io.berth.template.internal.render.YamlOutput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Helm's output read back as trees: split at {@code ---} lines, each non-empty document parsed with
 * the template store's YAML mapper and checked by the same {@link ManifestRules} as Simple content.
 * Document indexes count the non-empty documents in Helm's output (which Helm orders by kind), and a
 * problem about a document names the template it came from ({@code # Source:}).
 *
 * <p>A manifest without {@code metadata.namespace} gets the target namespace in its identity unless
 * its kind is one of the cluster-scoped kinds of Kubernetes itself; the object is left as Helm wrote
 * it, as {@code helm install} does.
 */
final class HelmOutput {

    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+)$");

    /** group/kind of the cluster-scoped kinds of Kubernetes; the core group is empty. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "/Namespace", "/Node", "/PersistentVolume",
            "apiextensions.k8s.io/CustomResourceDefinition",
            "apiregistration.k8s.io/APIService",
            "rbac.authorization.k8s.io/ClusterRole",
            "rbac.authorization.k8s.io/ClusterRoleBinding",
            "storage.k8s.io/StorageClass",
            "storage.k8s.io/CSIDriver",
            "storage.k8s.io/CSINode",
            "storage.k8s.io/VolumeAttachment",
            "scheduling.k8s.io/PriorityClass",
            "networking.k8s.io/IngressClass",
            "node.k8s.io/RuntimeClass",
            "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
            "admissionregistration.k8s.io/MutatingWebhookConfiguration",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
            "certificates.k8s.io/CertificateSigningRequest",
            "flowcontrol.apiserver.k8s.io/FlowSchema",
            "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration");

    private HelmOutput() {
    }

    static List<YamlOutput.Document> documents(String output, String namespace, List<TemplateProblem> problems) {
        ManifestRules rules = ManifestRules.forRendered();
        List<YamlOutput.Document> documents = new ArrayList<>();
        int index = 0;
        for (DocumentChunk chunk : DocumentSplitter.split(output)) {
            if (chunk.isBlank()) {
                continue;
            }
            int documentIndex = index++;
            List<TemplateProblem> found = new ArrayList<>();
            JsonNode tree = read(chunk, documentIndex, found);
            if (tree instanceof ObjectNode object) {
                rules.check(documentIndex, object, found)
                        .map(id -> withNamespace(id, namespace))
                        .ifPresent(id -> documents.add(new YamlOutput.Document(id, object)));
            } else if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
                found.add(TemplateProblem.inDocument(documentIndex, "$",
                        "a document must be a mapping (a Kubernetes object)"));
            }
            String source = source(chunk);
            found.forEach(p -> problems.add(source == null ? p
                    : TemplateProblem.inDocument(documentIndex, p.path(), "(from " + source + ") " + p.message())));
        }
        return documents;
    }

    private static JsonNode read(DocumentChunk chunk, int documentIndex, List<TemplateProblem> problems) {
        try {
            return Mappers.yaml().readTree(chunk.text());
        } catch (JacksonException e) {
            problems.add(TemplateProblem.inDocument(documentIndex, null,
                    HelmMessages.cap("Helm's output is not YAML this store reads: " + ParserMessages.describe(e))));
            return null;
        }
    }

    private static ManifestIdentity withNamespace(ManifestIdentity id, String namespace) {
        if (id.namespace() != null || CLUSTER_SCOPED.contains(id.group() + "/" + id.kind())) {
            return id;
        }
        return new ManifestIdentity(id.index(), id.apiVersion(), id.kind(), namespace, id.name());
    }

    private static String source(DocumentChunk chunk) {
        Matcher matcher = SOURCE.matcher(chunk.text());
        return matcher.find() ? ChartArchive.shown(matcher.group(1).strip()) : null;
    }
}
