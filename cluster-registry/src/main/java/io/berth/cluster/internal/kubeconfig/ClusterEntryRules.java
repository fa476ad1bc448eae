package io.berth.cluster.internal.kubeconfig;

import io.berth.cluster.internal.KubeconfigAllowances;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rules for the selected context's cluster entry: where Berth connects and how it trusts the server.
 *
 * <p>Of the keys that do not weaken TLS, only {@code proxy-url} changes where Berth connects, so it needs the
 * caller's consent. {@code tls-server-name} changes only the name the certificate is checked against (the
 * certificate must still chain to the entry's CA), {@code disable-compression} only the response encoding, and
 * {@code extensions} are opaque data that fabric8 does not act on: they are kept without a flag.
 */
final class ClusterEntryRules {

    static final String LIST = "clusters";

    private static final Set<String> ALLOWED = Set.of("server", "certificate-authority-data",
            "insecure-skip-tls-verify", "tls-server-name", "proxy-url", "disable-compression", "extensions");
    private static final Set<String> REFUSED = Set.of("certificate-authority");
    private static final Set<String> PROXY_SCHEMES = Set.of("http", "https", "socks5");

    private final String name;
    private final ObjectNode cluster;
    private final KubeconfigAllowances allowed;
    private final DestinationRules destinations;
    private final Problems problems;

    private ClusterEntryRules(String name, ObjectNode cluster, KubeconfigAllowances allowed,
                              DestinationRules destinations, Problems problems) {
        this.name = name;
        this.cluster = cluster;
        this.allowed = allowed;
        this.destinations = destinations;
        this.problems = problems;
    }

    /** Adds the cluster's problems; returns its server URL when that URL is acceptable. */
    static Optional<String> check(NamedEntries.Entry entry, KubeconfigAllowances allowed,
                                  DestinationRules destinations, Problems problems) {
        String name = entry.name();
        ObjectNode cluster = entry.body();
        ClusterEntryRules rules = new ClusterEntryRules(name, cluster, allowed, destinations, problems);
        EntryChecks.refuseUnknownKeys(LIST, name, cluster, ALLOWED, REFUSED, problems);
        rules.refuseCertificateAuthorityFile();
        rules.checkInsecureSkipTlsVerify();
        rules.checkCertificateAuthorityData();
        rules.checkProxyUrl();
        EntryChecks.string(cluster, "tls-server-name", rules.field("tls-server-name"), problems);
        rules.checkBoolean("disable-compression");
        return rules.checkServer();
    }

    private Optional<String> checkServer() {
        String field = field("server");
        Optional<String> server = EntryChecks.requiredString(cluster, "server", field,
                "the URL of the cluster's API server", problems);
        Optional<URI> url = server.flatMap(s -> EntryChecks.absoluteUrl(s, field, false, problems));
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String scheme = url.get().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowed.insecureTls())) {
            problems.add(field, scheme.equals("http")
                    ? "server must use https; http is allowed only with allowInsecureTls: true"
                    : "server must use https");
            return Optional.empty();
        }
        return destinations.check(url.get(), field, "server", problems) ? server : Optional.empty();
    }

    private void refuseCertificateAuthorityFile() {
        if (cluster.has("certificate-authority")) {
            problems.add(field("certificate-authority"),
                    "file references are not allowed; inline it as certificate-authority-data");
        }
    }

    // Only absence or an explicit false is safe. A non-boolean such as "yes" means true to YAML 1.1 readers
    // (kubectl among them), so it is refused rather than guessed at.
    private void checkInsecureSkipTlsVerify() {
        JsonNode value = cluster.get("insecure-skip-tls-verify");
        if (value == null || value.isNull() || (value.isBoolean() && !value.booleanValue())) {
            return;
        }
        if (!value.isBoolean()) {
            problems.add(field("insecure-skip-tls-verify"), "must be true or false");
        } else if (!allowed.insecureTls()) {
            problems.add(field("insecure-skip-tls-verify"),
                    "skipping TLS verification is allowed only with allowInsecureTls: true");
        }
    }

    private void checkCertificateAuthorityData() {
        String field = field("certificate-authority-data");
        EntryChecks.base64(cluster, "certificate-authority-data", field, problems)
                .filter(decoded -> !EntryChecks.contains(decoded, EntryChecks.PEM_CERTIFICATE))
                .ifPresent(decoded -> problems.add(field, "must hold a PEM certificate ("
                        + EntryChecks.PEM_CERTIFICATE + "), base64-encoded"));
    }

    /**
     * A proxy makes Berth connect to another host than the server, and lets that host see (for http servers) or
     * steer the traffic: it needs the caller's consent. Its host is judged like the server's. Every problem is
     * reported at once, so that allowing the proxy does not reveal a second round of them.
     */
    private void checkProxyUrl() {
        String field = field("proxy-url");
        Optional<URI> proxy = EntryChecks.nonEmptyString(cluster, "proxy-url", field, problems)
                .flatMap(value -> EntryChecks.absoluteUrl(value, field, true, problems));
        if (proxy.isEmpty()) {
            return;
        }
        if (!allowed.proxy()) {
            problems.add(field, "a proxy makes Berth connect to another host than the cluster's server;"
                    + " proxy-url is allowed only with allowProxy: true");
        }
        URI url = proxy.get();
        if (!PROXY_SCHEMES.contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            problems.add(field, "proxy-url must use http, https or socks5");
        } else if (url.getPort() < 0) {
            // fabric8 cannot build a client without it.
            problems.add(field, "proxy-url must name a port, for example http://proxy.internal:3128");
        }
        destinations.check(url, field, "proxy-url", problems);
    }

    private void checkBoolean(String key) {
        JsonNode value = cluster.get(key);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            problems.add(field(key), "must be true or false");
        }
    }

    private String field(String key) {
        return Fields.entryField(LIST, name, key);
    }
}
