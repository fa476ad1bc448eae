package io.berth.cluster.internal.kubeconfig;

import io.berth.cluster.InvalidKubeconfigException;
import io.berth.cluster.internal.KubeconfigAllowances;
import io.berth.cluster.internal.network.DeniedNetworks;
import io.berth.cluster.internal.network.HostResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * Checks a submitted kubeconfig against Berth's security model and reduces it to the one context Berth will use.
 *
 * <p>Berth is a server: a kubeconfig must never make it run a command or read one of its local files. So only
 * inline credentials (token, client certificate and key, username and password) and inline CA data are accepted,
 * and TLS may be weakened, or a proxy named, only when the caller explicitly allows it. The server and proxy hosts
 * must not be, nor resolve to, an address in a denied network. Only the selected context, its cluster and its user
 * are checked and kept; every other entry is dropped unchecked.
 *
 * <p>Every problem found is reported in one {@link InvalidKubeconfigException}. Problems name fields and may
 * quote entry names and the server URL, never a credential, certificate or the raw YAML.
 *
 * <p>Thread-safe: instances hold no per-call state. Validation resolves the server's and the proxy's host names,
 * so it may wait for DNS.
 */
public final class KubeconfigValidator {

    private static final List<String> LISTS = List.of("clusters", "contexts", "users");

    private final KubeconfigYaml yaml = new KubeconfigYaml();
    private final DestinationRules destinations;

    /**
     * @param deniedNetworks where a server or proxy must not be, nor resolve to
     * @param resolver       resolves server and proxy host names
     */
    public KubeconfigValidator(DeniedNetworks deniedNetworks, HostResolver resolver) {
        this.destinations = new DestinationRules(deniedNetworks, resolver);
    }

    /** Same as {@link #validate(String, String, KubeconfigAllowances)} with no proxy allowed. */
    public ValidatedKubeconfig validate(String kubeconfigYaml, String requestedContext, boolean allowInsecureTls) {
        return validate(kubeconfigYaml, requestedContext, new KubeconfigAllowances(allowInsecureTls, false));
    }

    /**
     * @param kubeconfigYaml   the kubeconfig as submitted
     * @param requestedContext the context to use; {@code null} or blank to fall back to {@code current-context},
     *                         or to the only context there is
     * @param allowed          whether an {@code http} server and {@code insecure-skip-tls-verify: true}, and whether
     *                         a {@code proxy-url}, are accepted
     * @return the selected context with a minimal kubeconfig that holds only what Berth uses
     * @throws InvalidKubeconfigException listing every problem found
     */
    public ValidatedKubeconfig validate(String kubeconfigYaml, String requestedContext, KubeconfigAllowances allowed) {
        Problems problems = new Problems();
        ObjectNode kubeconfig = yaml.parse(kubeconfigYaml, problems).orElseThrow(problems::exception);
        checkShape(kubeconfig, problems);
        problems.throwIfAny();

        NamedEntries contexts = NamedEntries.of(kubeconfig, ContextSelector.LIST, "context");
        NamedEntries.Entry context = ContextSelector.select(kubeconfig, contexts, requestedContext, problems)
                .flatMap(name -> contexts.find(name, Fields.CONTEXT, problems))
                .orElseThrow(problems::exception);
        ContextEntryRules.References references = ContextEntryRules.check(context, problems);

        Optional<NamedEntries.Entry> cluster = resolve(kubeconfig, context, references.cluster(),
                ClusterEntryRules.LIST, "cluster", problems);
        Optional<NamedEntries.Entry> user = resolve(kubeconfig, context, references.user(),
                UserEntryRules.LIST, "user", problems);
        Optional<String> server = cluster.flatMap(c -> ClusterEntryRules.check(c, allowed, destinations, problems));
        user.ifPresent(u -> UserEntryRules.check(u.name(), u.body(), problems));
        problems.throwIfAny();

        // No problems means every Optional above is present.
        return new ValidatedKubeconfig(context.name(), cluster.orElseThrow().name(), user.orElseThrow().name(),
                server.orElseThrow(), references.namespace(), minimalKubeconfig(context, cluster.get(), user.get()));
    }

    /** Only a mapping with the three entry lists can be a kubeconfig; without them nothing else can be checked. */
    private static void checkShape(ObjectNode kubeconfig, Problems problems) {
        JsonNode kind = kubeconfig.get("kind");
        if (kind != null && !kind.isNull() && !(kind.isString() && kind.stringValue().equals("Config"))) {
            problems.add(Fields.KUBECONFIG, Problems.notAKubeconfig("kind must be Config"));
        }
        for (String list : LISTS) {
            JsonNode entries = kubeconfig.get(list);
            if (entries == null || !entries.isArray()) {
                problems.add(Fields.KUBECONFIG, Problems.notAKubeconfig("it has no '" + list + "' list"));
            }
        }
    }

    /** The entry the context's reference names, looked up only when the reference itself was usable. */
    private static Optional<NamedEntries.Entry> resolve(ObjectNode kubeconfig, NamedEntries.Entry context,
                                                        Optional<String> reference, String list, String kind,
                                                        Problems problems) {
        String referrer = Fields.entryField(ContextSelector.LIST, context.name(), kind);
        NamedEntries entries = NamedEntries.of(kubeconfig, list, kind);
        return reference.flatMap(name -> entries.find(name, referrer, problems));
    }

    /**
     * The selected entries with their original fields, and nothing else: Berth stores only what it uses, so
     * entries it did not check (an unrelated exec user, say) never reach storage.
     */
    private String minimalKubeconfig(NamedEntries.Entry context, NamedEntries.Entry cluster,
                                     NamedEntries.Entry user) {
        ObjectNode minimal = yaml.newMapping();
        minimal.put("apiVersion", "v1");
        minimal.put("kind", "Config");
        minimal.put("current-context", context.name());
        addEntry(minimal, ClusterEntryRules.LIST, "cluster", cluster);
        addEntry(minimal, ContextSelector.LIST, "context", context);
        addEntry(minimal, UserEntryRules.LIST, "user", user);
        return yaml.write(minimal);
    }

    private static void addEntry(ObjectNode kubeconfig, String list, String kind, NamedEntries.Entry entry) {
        ObjectNode named = kubeconfig.putArray(list).addObject();
        named.put("name", entry.name());
        named.set(kind, entry.body().deepCopy());
    }
}
