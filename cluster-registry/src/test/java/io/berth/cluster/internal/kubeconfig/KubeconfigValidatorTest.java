package io.berth.cluster.internal.kubeconfig;

import io.berth.cluster.InvalidKubeconfigException;
import io.berth.cluster.KubeconfigProblem;
import io.berth.cluster.internal.KubeconfigAllowances;
import io.berth.cluster.internal.network.DeniedNetworks;
import io.berth.cluster.internal.network.HostResolver;
import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class KubeconfigValidatorTest {

    // Distinctive secret values: every refusal is checked for not echoing any of them.
    private static final String TOKEN = "tok-8f3a2c91-bearer-secret";
    private static final String PASSWORD = "pw-d41d8cd9-basic-secret";
    private static final String CA_BODY = "MIIBcaBodyMarker7731";
    private static final String CERT_BODY = "MIIBclientCertBodyMarker4419";
    private static final String KEY_BODY = "MHcCAQEEclientKeyBodyMarker9902";
    private static final String CA_DATA = base64("-----BEGIN CERTIFICATE-----\n" + CA_BODY
            + "\n-----END CERTIFICATE-----\n");
    private static final String CERT_DATA = base64("-----BEGIN CERTIFICATE-----\n" + CERT_BODY
            + "\n-----END CERTIFICATE-----\n");
    private static final String KEY_DATA = base64("-----BEGIN EC PRIVATE KEY-----\n" + KEY_BODY
            + "\n-----END EC PRIVATE KEY-----\n");
    private static final String NOT_BASE64 = "not*base64!secretish-5521";
    private static final String NOT_PEM_DATA = base64("plain-bytes-secret-6613");
    private static final String PROXY_PASSWORD = "proxy-pw-77c1e0-secret";
    private static final List<String> SECRETS = List.of(TOKEN, PASSWORD, CA_BODY, CERT_BODY, KEY_BODY,
            CA_DATA, CERT_DATA, KEY_DATA, NOT_BASE64, NOT_PEM_DATA, "plain-bytes-secret-6613", PROXY_PASSWORD);

    private static final String SERVER = "https://dev.example.com:6443";
    private static final String HTTPS_CLUSTER = """
            server: %s
            certificate-authority-data: %s
            """.formatted(SERVER, CA_DATA);
    private static final String TOKEN_USER = "token: " + TOKEN + "\n";

    // Names resolve from this table only, so that no test depends on the network; unknown names do not resolve.
    private static final Map<String, String> DNS = Map.of(
            "dev.example.com", "203.0.113.10",
            "prod.example.com", "203.0.113.11",
            "proxy.internal", "10.0.0.3",
            "metadata.google.internal", "169.254.169.254",
            "rebound.example.com", "fd00:ec2::254");
    private static final HostResolver FIXED_DNS = host -> {
        String address = DNS.get(host.toLowerCase(Locale.ROOT));
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    };

    private static final KubeconfigAllowances PROXY_ALLOWED = new KubeconfigAllowances(false, true);

    private final KubeconfigValidator validator = new KubeconfigValidator(DeniedNetworks.defaults(), FIXED_DNS);

    @Nested
    class Parsing {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\n", "# only a comment\n"})
        void rejectsEmptyOrBlankInput(String input) {
            assertProblem(refused(input), "kubeconfig", "not a kubeconfig");
        }

        @Test
        void rejectsNullInput() {
            assertProblem(refused(null), "kubeconfig", "not a kubeconfig");
        }

        @Test
        void reportsYamlSyntaxErrorsByLineAndColumnOnly() {
            String input = """
                    apiVersion: v1
                    users:
                    - name: dev-user
                      user:
                        token: %s
                        password: [%s
                    """.formatted(TOKEN, PASSWORD);

            InvalidKubeconfigException e = refused(input);

            assertThat(e.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.field()).isEqualTo("kubeconfig");
                assertThat(problem.message()).startsWith("not a kubeconfig: invalid YAML at line ")
                        .contains("column").doesNotContain("dev-user").doesNotContain("password");
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"just a string", "- a\n- list\n", "42"})
        void rejectsDocumentThatIsNotAMapping(String input) {
            assertProblem(refused(input), "kubeconfig", "not a YAML mapping");
        }

        @Test
        void rejectsMappingWithoutClustersContextsAndUsersListingEachMissingList() {
            InvalidKubeconfigException e = refused("apiVersion: v1\nkind: Config\nclusters: {}\n");

            assertThat(e.problems()).extracting(KubeconfigProblem::message).containsExactly(
                    "not a kubeconfig: it has no 'clusters' list",
                    "not a kubeconfig: it has no 'contexts' list",
                    "not a kubeconfig: it has no 'users' list");
        }

        @Test
        void rejectsDocumentWhoseKindIsNotConfig() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER).replace("kind: Config", "kind: Secret");

            assertProblem(refused(input), "kubeconfig", "kind must be Config");
        }

        @Test
        void rejectsYamlAliasesInsteadOfSilentlyReadingThemAsTheAnchorName() {
            String input = """
                    clusters:
                    - name: c
                      cluster: &shared
                        server: %s
                    contexts:
                    - name: x
                      context: {cluster: c, user: u}
                    users:
                    - name: u
                      user: *shared
                    """.formatted(SERVER);

            assertProblem(refused(input), "kubeconfig", "YAML aliases");
        }

        @Test
        void rejectsMoreThanOneYamlDocument() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER) + "---\n" + kubeconfig(HTTPS_CLUSTER, TOKEN_USER);

            assertProblem(refused(input), "kubeconfig", "2 YAML documents");
        }

        @Test
        void rejectsDuplicateKeysBecauseOnlyOneOfThemWouldBeChecked() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER + "token: other-" + TOKEN + "\n");

            assertProblem(refused(input), "kubeconfig", "invalid YAML at line 19");
        }
    }

    @Nested
    class ContextSelection {

        @Test
        void usesRequestedContext() {
            ValidatedKubeconfig result = validator.validate(twoContexts("current-context: dev"), "prod", false);

            assertThat(result.contextName()).isEqualTo("prod");
            assertThat(result.clusterName()).isEqualTo("prod-cluster");
            assertThat(result.userName()).isEqualTo("prod-user");
            assertThat(result.serverUrl()).isEqualTo("https://prod.example.com");
        }

        @Test
        void rejectsRequestedContextThatIsNotInTheKubeconfigAndListsTheAvailableOnes() {
            InvalidKubeconfigException e = refused(twoContexts(""), "staging", false);

            assertThat(e.problems()).containsExactly(new KubeconfigProblem("context",
                    "context 'staging' is not in the kubeconfig; it has: dev, prod"));
        }

        @Test
        void usesCurrentContextWhenNoContextIsRequested() {
            ValidatedKubeconfig result = validator.validate(twoContexts("current-context: prod"), null, false);

            assertThat(result.contextName()).isEqualTo("prod");
        }

        @Test
        void treatsBlankRequestedContextAsNotRequested() {
            ValidatedKubeconfig result = validator.validate(twoContexts("current-context: prod"), "  ", false);

            assertThat(result.contextName()).isEqualTo("prod");
        }

        @Test
        void rejectsCurrentContextThatIsNotInTheKubeconfig() {
            InvalidKubeconfigException e = refused(twoContexts("current-context: gone"));

            assertProblem(e, "context", "current-context 'gone' is not in the kubeconfig; it has: dev, prod");
        }

        @Test
        void usesTheOnlyContextWhenThereIsNoCurrentContext() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER).replace("current-context: dev\n", "");

            assertThat(validator.validate(input, null, false).contextName()).isEqualTo("dev");
        }

        @Test
        void rejectsSeveralContextsWithoutCurrentContext() {
            assertThat(refused(twoContexts("current-context: \"\"")).problems()).containsExactly(
                    new KubeconfigProblem("context",
                            "kubeconfig has 2 contexts and no current-context; choose one with `context`"));
        }

        @Test
        void rejectsKubeconfigWithoutContexts() {
            String input = "clusters: []\ncontexts: []\nusers: []\n";

            assertProblem(refused(input), "context", "kubeconfig has no contexts");
        }

        @Test
        void rejectsContextThatRefersToMissingClusterAndUser() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER)
                    .replace("cluster: dev-cluster", "cluster: nowhere")
                    .replace("user: dev-user", "user: nobody");

            InvalidKubeconfigException e = refused(input);

            assertThat(e.problems()).containsExactlyInAnyOrder(
                    new KubeconfigProblem("contexts[dev].cluster",
                            "refers to cluster 'nowhere', which is not in the kubeconfig"),
                    new KubeconfigProblem("contexts[dev].user",
                            "refers to user 'nobody', which is not in the kubeconfig"));
        }

        @Test
        void rejectsContextWithoutClusterOrUserReference() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER)
                    .replace("    cluster: dev-cluster\n", "")
                    .replace("    user: dev-user\n", "");

            InvalidKubeconfigException e = refused(input);

            assertProblem(e, "contexts[dev].cluster", "is required");
            assertProblem(e, "contexts[dev].user", "is required");
        }

        @Test
        void rejectsDuplicateContextNames() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER).replace("contexts:\n", """
                    contexts:
                    - name: dev
                      context: {cluster: dev-cluster, user: dev-user}
                    """);

            assertProblem(refused(input), "contexts[dev]", "there are 2 contexts named 'dev'");
        }

        @Test
        void takesNamespaceFromTheContext() {
            assertThat(validator.validate(kubeconfig(HTTPS_CLUSTER, TOKEN_USER), null, false).namespace())
                    .isEqualTo("team-a");
        }

        @Test
        void leavesNamespaceNullWhenTheContextSetsNone() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER).replace("    namespace: team-a\n", "");

            assertThat(validator.validate(input, null, false).namespace()).isNull();
        }

        @Test
        void rejectsInvalidNamespaceName() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER).replace("team-a", "Team_A");

            assertProblem(refused(input), "contexts[dev].namespace", "must be a valid namespace name");
        }

        @Test
        void rejectsUnknownFieldInTheContext() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER).replace("namespace: team-a", "namespace: team-a\n"
                    + "    kubeconfig-hook: run-me");

            assertProblem(refused(input), "contexts[dev].kubeconfig-hook", "unknown field");
        }
    }

    @Nested
    class Destinations {

        @Test
        void rejectsProxyUrlUnlessProxyIsAllowed() {
            String input = kubeconfig(HTTPS_CLUSTER + "proxy-url: http://proxy.internal:3128", TOKEN_USER);

            assertThat(refused(input).problems()).containsExactly(new KubeconfigProblem(
                    "clusters[dev-cluster].proxy-url", "a proxy makes Berth connect to another host than the"
                    + " cluster's server; proxy-url is allowed only with allowProxy: true"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://proxy.internal:3128", "https://proxy.internal:443",
                "socks5://proxy.internal:1080", "http://proxy-user:" + PROXY_PASSWORD + "@proxy.internal:3128"})
        void acceptsProxyUrlWhenProxyIsAllowed(String proxy) {
            String input = kubeconfig(HTTPS_CLUSTER + "proxy-url: " + proxy, TOKEN_USER);

            assertThat(validator.validate(input, null, PROXY_ALLOWED).minimalKubeconfig()).contains(proxy);
        }

        @Test
        void rejectsProxyUrlWithoutPort() {
            String input = kubeconfig(HTTPS_CLUSTER + "proxy-url: https://proxy.internal", TOKEN_USER);

            assertProblem(refused(input, null, false, true), "clusters[dev-cluster].proxy-url", "must name a port");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://169.254.169.254:80", "http://metadata.google.internal:80",
                "socks5://[fe80::1]:1080", "http://[::ffff:169.254.169.254]:3128",
                "http://proxy-user:" + PROXY_PASSWORD + "@169.254.169.254:3128"})
        void rejectsAllowedProxyInADeniedNetwork(String proxy) {
            String input = kubeconfig(HTTPS_CLUSTER + "proxy-url: \"" + proxy + "\"", TOKEN_USER);

            assertProblem(refused(input, null, false, true), "clusters[dev-cluster].proxy-url", "denied network");
        }

        @Test
        void reportsADeniedProxyAndTheMissingFlagTogether() {
            String input = kubeconfig(HTTPS_CLUSTER + "proxy-url: http://169.254.169.254:80", TOKEN_USER);

            assertThat(refused(input).problems()).extracting(KubeconfigProblem::message).satisfiesExactly(
                    message -> assertThat(message).contains("allowProxy: true"),
                    message -> assertThat(message).contains("denied network 169.254.0.0/16"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://169.254.169.254", "https://169.254.169.254:6443", "https://169.254.10.1",
                "https://[fe80::1]:6443", "https://[FE80::abcd]", "https://[fd00:ec2::254]", "https://100.100.100.200",
                "https://[::ffff:169.254.169.254]", "https://[::ffff:a9fe:a9fe]", "https://[64:ff9b::a9fe:a9fe]",
                "https://[::169.254.169.254]"})
        void rejectsServerInLinkLocalOrMetadataNetworksByDefault(String server) {
            InvalidKubeconfigException e = refused(kubeconfig(clusterAt(server), TOKEN_USER));

            assertProblem(e, "clusters[dev-cluster].server", "denied network");
            assertProblem(e, "clusters[dev-cluster].server", "berth.clusters.denied-networks");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://metadata.google.internal", "https://METADATA.google.internal.:443",
                "https://rebound.example.com:6443"})
        void rejectsServerWhoseNameResolvesIntoADeniedNetwork(String server) {
            assertProblem(refused(kubeconfig(clusterAt(server), TOKEN_USER)), "clusters[dev-cluster].server",
                    "is, or resolves to, an address in the denied network");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://localhost:6443", "https://LOCALHOST.", "https://127.0.0.1",
                "https://127.45.6.7:6443", "https://[::1]:6443", "https://[::ffff:127.0.0.1]", "https://0.0.0.0:6443",
                "https://[::]:6443"})
        void rejectsLoopbackServersWhenAnOperatorDeniesLoopback(String server) {
            KubeconfigValidator noLoopback = new KubeconfigValidator(
                    DeniedNetworks.of(List.of("127.0.0.0/8", "::1/128")), HostResolver.SYSTEM);

            InvalidKubeconfigException e = refused(noLoopback, kubeconfig(clusterAt(server), TOKEN_USER), false, false);

            assertProblem(e, "clusters[dev-cluster].server", "denied network");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://localhost:6443", "https://127.0.0.1:6443", "https://[::1]:6443",
                "https://10.1.2.3", "https://172.16.0.1:6443", "https://192.168.1.10", "https://[fd12:3456::1]",
                "https://100.100.100.201"})
        void acceptsLoopbackAndPrivateServersByDefault(String server) {
            KubeconfigValidator defaults = new KubeconfigValidator(DeniedNetworks.defaults(), HostResolver.SYSTEM);

            assertThat(defaults.validate(kubeconfig(clusterAt(server), TOKEN_USER), null, false).serverUrl())
                    .isEqualTo(server);
        }

        @Test
        void acceptsServerWhoseNameDoesNotResolveYetSinceEveryConnectionIsCheckedAgain() {
            String server = "https://not-yet-in-dns.example.com:6443";

            assertThat(validator.validate(kubeconfig(clusterAt(server), TOKEN_USER), null, false).serverUrl())
                    .isEqualTo(server);
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://2852039166", "https://2852039166:443", "https://0xA9FEA9FE",
                "https://0xa9fea9fe:6443", "https://0x7f000001", "https://0XA9FEA9FE."})
        void rejectsNumericHostsThatAreNotDottedDecimal(String server) {
            InvalidKubeconfigException e = refused(kubeconfig(clusterAt(server), TOKEN_USER));

            assertProblem(e, "clusters[dev-cluster].server", "dotted-decimal IPv4 address");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://0251.0376.0251.0376", "https://169.254.43518", "https://169.16689662",
                "https://127.1", "https://169.254.0xa9fe", "https://169.254.169.254.", "https://api.example.0251"})
        void rejectsShortenedOrOctalDottedHostsAsMalformedUrls(String server) {
            assertProblem(refused(kubeconfig(clusterAt(server), TOKEN_USER)), "clusters[dev-cluster].server",
                    "must be an absolute URL with a host");
        }

        @Test
        void rejectsIpv6ZoneInTheServerUrl() {
            assertProblem(refused(kubeconfig(clusterAt("https://[fe80::1%25eth0]:6443"), TOKEN_USER)),
                    "clusters[dev-cluster].server", "must not carry an IPv6 zone");
        }

        @Test
        void keepsTlsServerNameDisableCompressionAndExtensionsWithoutAFlag() {
            String input = kubeconfig(HTTPS_CLUSTER + """
                    tls-server-name: kubernetes.default
                    disable-compression: true
                    extensions:
                    - name: vendor
                      extension: {region: eu-west-1}
                    """, TOKEN_USER);

            assertThat(validator.validate(input, null, false).minimalKubeconfig())
                    .contains("kubernetes.default", "disable-compression: true", "eu-west-1");
        }
    }

    @Nested
    class ClusterRules {

        @Test
        void acceptsHttpsServerWithInlineCertificateAuthority() {
            ValidatedKubeconfig result = validator.validate(kubeconfig(HTTPS_CLUSTER, TOKEN_USER), null, false);

            assertThat(result.serverUrl()).isEqualTo(SERVER);
        }

        @Test
        void rejectsClusterWithoutServer() {
            assertProblem(refused(kubeconfig("certificate-authority-data: " + CA_DATA, TOKEN_USER)),
                    "clusters[dev-cluster].server", "is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"dev.example.com:6443", "/api", "https://", "https://bad host:6443"})
        void rejectsServerThatIsNotAnAbsoluteUrlWithHost(String server) {
            InvalidKubeconfigException e = refused(kubeconfig("server: \"" + server + "\"", TOKEN_USER));

            assertProblem(e, "clusters[dev-cluster].server", "must be");
        }

        @Test
        void rejectsServerWithOtherSchemeThanHttps() {
            assertProblem(refused(kubeconfig("server: ftp://dev.example.com", TOKEN_USER)),
                    "clusters[dev-cluster].server", "server must use https");
        }

        @Test
        void rejectsServerUrlCarryingCredentials() {
            String input = kubeconfig("server: https://admin:" + PASSWORD + "@dev.example.com", TOKEN_USER);

            assertProblem(refused(input), "clusters[dev-cluster].server", "must not carry credentials");
        }

        @Test
        void rejectsHttpServerUnlessInsecureTlsIsAllowed() {
            assertProblem(refused(kubeconfig("server: http://dev.example.com:8080", TOKEN_USER)),
                    "clusters[dev-cluster].server",
                    "server must use https; http is allowed only with allowInsecureTls: true");
        }

        @Test
        void acceptsHttpServerWhenInsecureTlsIsAllowed() {
            ValidatedKubeconfig result = validator.validate(
                    kubeconfig("server: http://dev.example.com:8080", TOKEN_USER), null, true);

            assertThat(result.serverUrl()).isEqualTo("http://dev.example.com:8080");
        }

        @Test
        void rejectsCertificateAuthorityFileReference() {
            String input = kubeconfig("server: " + SERVER + "\ncertificate-authority: /etc/kubernetes/ca.crt",
                    TOKEN_USER);

            assertThat(refused(input).problems()).containsExactly(new KubeconfigProblem(
                    "clusters[dev-cluster].certificate-authority",
                    "file references are not allowed; inline it as certificate-authority-data"));
        }

        @Test
        void rejectsInsecureSkipTlsVerifyUnlessInsecureTlsIsAllowed() {
            String input = kubeconfig("server: " + SERVER + "\ninsecure-skip-tls-verify: true", TOKEN_USER);

            assertProblem(refused(input), "clusters[dev-cluster].insecure-skip-tls-verify",
                    "allowed only with allowInsecureTls: true");
        }

        @Test
        void acceptsInsecureSkipTlsVerifyWhenInsecureTlsIsAllowed() {
            String input = kubeconfig("server: " + SERVER + "\ninsecure-skip-tls-verify: true", TOKEN_USER);

            assertThat(validator.validate(input, null, true).minimalKubeconfig())
                    .contains("insecure-skip-tls-verify: true");
        }

        @Test
        void acceptsInsecureSkipTlsVerifyFalseWithoutInsecureTls() {
            String input = kubeconfig(HTTPS_CLUSTER + "insecure-skip-tls-verify: false", TOKEN_USER);

            assertThat(validator.validate(input, null, false).serverUrl()).isEqualTo(SERVER);
        }

        @Test
        void rejectsInsecureSkipTlsVerifyThatIsNotABoolean() {
            String input = kubeconfig(HTTPS_CLUSTER + "insecure-skip-tls-verify: \"yes\"", TOKEN_USER);

            assertProblem(refused(input, null, true), "clusters[dev-cluster].insecure-skip-tls-verify",
                    "must be true or false");
        }

        @Test
        void rejectsCertificateAuthorityDataThatIsNotBase64() {
            String input = kubeconfig("server: " + SERVER + "\ncertificate-authority-data: " + NOT_BASE64,
                    TOKEN_USER);

            assertProblem(refused(input), "clusters[dev-cluster].certificate-authority-data",
                    "must be base64-encoded");
        }

        @Test
        void rejectsCertificateAuthorityDataWithoutPemCertificate() {
            String input = kubeconfig("server: " + SERVER + "\ncertificate-authority-data: " + NOT_PEM_DATA,
                    TOKEN_USER);

            assertProblem(refused(input), "clusters[dev-cluster].certificate-authority-data",
                    "must hold a PEM certificate");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://proxy.internal:21", "file:///var/run/proxy.sock", "proxy.internal:3128"})
        void rejectsProxyUrlThatIsNotAnHttpHttpsOrSocks5Url(String proxy) {
            String input = kubeconfig(HTTPS_CLUSTER + "proxy-url: \"" + proxy + "\"", TOKEN_USER);

            assertProblem(refused(input, null, false, true), "clusters[dev-cluster].proxy-url", "must");
        }

        @Test
        void keepsTlsServerName() {
            String input = kubeconfig(HTTPS_CLUSTER + "tls-server-name: kubernetes.default", TOKEN_USER);

            assertThat(validator.validate(input, null, false).minimalKubeconfig())
                    .contains("tls-server-name: \"kubernetes.default\"");
        }

        @Test
        void rejectsUnknownClusterField() {
            String input = kubeconfig(HTTPS_CLUSTER + "ca-bundle-path: /etc/ssl/ca.pem", TOKEN_USER);

            assertProblem(refused(input), "clusters[dev-cluster].ca-bundle-path", "unknown field");
        }

        @Test
        void rejectsClusterEntryWithoutClusterMapping() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER).replace("  cluster:\n", "  clusterx:\n");

            assertProblem(refused(input), "clusters[dev-cluster]", "has no 'cluster' mapping");
        }
    }

    @Nested
    class UserRules {

        @Test
        void rejectsKubeconfigWithExecPlugin() {
            String input = kubeconfig(HTTPS_CLUSTER, """
                    exec:
                      apiVersion: client.authentication.k8s.io/v1
                      command: aws
                      args: [eks, get-token, --cluster-name, prod]
                    """);

            InvalidKubeconfigException e = refused(input);

            assertThat(e.problems()).contains(new KubeconfigProblem("users[dev-user].exec",
                    "exec credential plugins are not allowed: they would run a command on the Berth server;"
                            + " use a token or client certificate"));
        }

        @Test
        void rejectsExecPluginEvenWhenATokenIsAlsoPresent() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER + "exec: {command: /bin/sh}\n");

            assertThat(refused(input).problems()).extracting(KubeconfigProblem::field)
                    .containsExactly("users[dev-user].exec");
        }

        @Test
        void rejectsKubeconfigWithAuthProvider() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER + """
                    auth-provider:
                      name: gcp
                      config: {cmd-path: /usr/bin/gcloud}
                    """);

            assertProblem(refused(input), "users[dev-user].auth-provider", "auth-provider plugins are not allowed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tokenFile", "token-file", "client-certificate", "client-key"})
        void rejectsCredentialFileReferences(String key) {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER + key + ": /var/run/secrets/credential\n");

            assertThat(refused(input).problems()).containsExactly(new KubeconfigProblem("users[dev-user]." + key,
                    "file references are not allowed; inline as client-certificate-data / client-key-data / token"));
        }

        @Test
        void acceptsToken() {
            ValidatedKubeconfig result = validator.validate(kubeconfig(HTTPS_CLUSTER, TOKEN_USER), null, false);

            assertThat(result.userName()).isEqualTo("dev-user");
        }

        @Test
        void acceptsClientCertificateWithKey() {
            String input = kubeconfig(HTTPS_CLUSTER, clientCertUser());

            assertThat(validator.validate(input, null, false).userName()).isEqualTo("dev-user");
        }

        @Test
        void acceptsUsernameWithPassword() {
            String input = kubeconfig(HTTPS_CLUSTER, "username: admin\npassword: " + PASSWORD + "\n");

            assertThat(validator.validate(input, null, false).userName()).isEqualTo("dev-user");
        }

        @Test
        void rejectsClientCertificateDataWithoutClientKeyData() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER + "client-certificate-data: " + CERT_DATA + "\n");

            assertThat(refused(input).problems()).containsExactly(new KubeconfigProblem(
                    "users[dev-user].client-key-data",
                    "client-certificate-data is set but client-key-data is missing; both are needed"));
        }

        @Test
        void rejectsClientKeyDataWithoutClientCertificateData() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER + "client-key-data: " + KEY_DATA + "\n");

            assertThat(refused(input).problems()).containsExactly(new KubeconfigProblem(
                    "users[dev-user].client-certificate-data",
                    "client-key-data is set but client-certificate-data is missing; both are needed"));
        }

        @Test
        void rejectsClientDataThatIsNotBase64() {
            String input = kubeconfig(HTTPS_CLUSTER,
                    "client-certificate-data: " + NOT_BASE64 + "\nclient-key-data: " + NOT_BASE64 + "\n");

            InvalidKubeconfigException e = refused(input);

            assertProblem(e, "users[dev-user].client-certificate-data", "must be base64-encoded");
            assertProblem(e, "users[dev-user].client-key-data", "must be base64-encoded");
        }

        @Test
        void rejectsClientDataThatHoldsNoPemCertificateOrKey() {
            String input = kubeconfig(HTTPS_CLUSTER,
                    "client-certificate-data: " + NOT_PEM_DATA + "\nclient-key-data: " + NOT_PEM_DATA + "\n");

            InvalidKubeconfigException e = refused(input);

            assertProblem(e, "users[dev-user].client-certificate-data", "must hold a PEM certificate");
            assertProblem(e, "users[dev-user].client-key-data", "must hold a PEM private key");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "username: admin", "token: \"\"", "as: system:admin"})
        void rejectsUserWithoutCredential(String user) {
            assertProblem(refused(kubeconfig(HTTPS_CLUSTER, user)), "users[dev-user]", "has no usable credential");
        }

        @Test
        void rejectsTokenThatIsNotAString() {
            assertProblem(refused(kubeconfig(HTTPS_CLUSTER, "token: 12345")), "users[dev-user].token",
                    "must be a string");
        }

        @Test
        void rejectsUnknownUserField() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER + "credential-helper: pass show k8s\n");

            assertProblem(refused(input), "users[dev-user].credential-helper", "unknown field");
        }

        @Test
        void ignoresExecUserThatTheSelectedContextDoesNotUse() {
            String input = kubeconfig(HTTPS_CLUSTER, TOKEN_USER).replace("users:\n", """
                    users:
                    - name: eks-admin
                      user:
                        exec: {command: aws, args: [eks, get-token]}
                        tokenFile: /root/.token
                    """);

            assertThat(validator.validate(input, null, false).minimalKubeconfig())
                    .doesNotContain("eks-admin").doesNotContain("exec").doesNotContain("tokenFile");
        }
    }

    @Nested
    class Reporting {

        @Test
        void collectsEveryProblemInsteadOfStoppingAtTheFirst() {
            String input = kubeconfig("server: http://dev.example.com\ncertificate-authority: /ca.crt\n"
                    + "certificate-authority-data: " + NOT_PEM_DATA, """
                    exec: {command: aws}
                    client-key: /key.pem
                    client-certificate-data: %s
                    """.formatted(NOT_BASE64)).replace("team-a", "TEAM");

            InvalidKubeconfigException e = refused(input);

            assertThat(e.problems()).extracting(KubeconfigProblem::field).containsExactlyInAnyOrder(
                    "contexts[dev].namespace",
                    "clusters[dev-cluster].server",
                    "clusters[dev-cluster].certificate-authority",
                    "clusters[dev-cluster].certificate-authority-data",
                    "users[dev-user].exec",
                    "users[dev-user].client-key",
                    "users[dev-user].client-certificate-data",
                    "users[dev-user].client-key-data",
                    "users[dev-user]");
            assertThat(e.getMessage()).isEqualTo("The kubeconfig was refused: 9 problem(s)");
        }

        @Test
        void problemsNeverRevealCredentialsEvenWhenEveryCredentialFieldIsWrong() {
            String input = kubeconfig("server: https://u:" + PASSWORD + "@h\ncertificate-authority-data: "
                    + NOT_PEM_DATA + "\nfoo: " + TOKEN, """
                    token: %s
                    password: %s
                    client-certificate-data: %s
                    client-key-data: %s
                    exec: {command: %s}
                    """.formatted(TOKEN, PASSWORD, NOT_PEM_DATA, NOT_BASE64, TOKEN));

            InvalidKubeconfigException e = refused(input);

            assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(e.getCause()).isNull();
        }

        @Test
        void toStringNeverPrintsTheMinimalKubeconfig() {
            ValidatedKubeconfig result = validator.validate(kubeconfig(HTTPS_CLUSTER, TOKEN_USER), null, false);

            assertThat(result.toString()).contains("dev", "dev-cluster", "dev-user", SERVER, "team-a")
                    .doesNotContain(TOKEN).doesNotContain(CA_DATA).doesNotContain("apiVersion");
        }

        @Test
        void validatesConcurrentlyWithOneSharedInstance() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<String>> calls = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    String context = i % 2 == 0 ? "dev" : "prod";
                    calls.add(() -> validator.validate(twoContexts(""), context, false).contextName());
                }
                List<Future<String>> results = pool.invokeAll(calls);
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "dev" : "prod");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class MinimalKubeconfig {

        @Test
        void holdsOnlyTheSelectedContextWithItsClusterAndUser() {
            String minimal = validator.validate(twoContexts("current-context: dev"), "prod", false)
                    .minimalKubeconfig();

            assertThat(minimal).contains("apiVersion: \"v1\"", "kind: \"Config\"", "current-context: \"prod\"",
                            "prod-cluster", "prod-user", "https://prod.example.com")
                    .doesNotContain("dev-cluster", "dev-user", "dev.example.com", "name: \"dev\"");
        }

        @Test
        void keepsTheOriginalFieldsOfTheSelectedEntries() {
            String input = kubeconfig(HTTPS_CLUSTER + "tls-server-name: api.internal\ndisable-compression: true",
                    TOKEN_USER + "as: deployer\nas-groups: [ops]\n");

            String minimal = validator.validate(input, null, false).minimalKubeconfig();

            assertThat(minimal).contains(CA_DATA, TOKEN, "api.internal", "disable-compression: true",
                    "deployer", "ops", "namespace: \"team-a\"");
        }

        @Test
        void loadsInFabric8WithServerTokenAndNamespace() {
            String minimal = validator.validate(kubeconfig(HTTPS_CLUSTER, TOKEN_USER), null, false)
                    .minimalKubeconfig();

            Config config = Config.fromKubeconfig(minimal);

            assertThat(config.getMasterUrl()).startsWith(SERVER);
            // fabric8 keeps a kubeconfig token apart from an explicitly configured one.
            assertThat(config.getAutoOAuthToken()).isEqualTo(TOKEN);
            assertThat(config.getNamespace()).isEqualTo("team-a");
            assertThat(config.getCaCertData()).isEqualTo(CA_DATA);
            assertThat(config.getCurrentContext().getName()).isEqualTo("dev");
        }

        @Test
        void loadsInFabric8WithClientCertificate() {
            String minimal = validator.validate(kubeconfig(HTTPS_CLUSTER, clientCertUser()), null, false)
                    .minimalKubeconfig();

            Config config = Config.fromKubeconfig(minimal);

            assertThat(config.getMasterUrl()).startsWith(SERVER);
            assertThat(config.getClientCertData()).isEqualTo(CERT_DATA);
            assertThat(config.getClientKeyData()).isEqualTo(KEY_DATA);
            assertThat(config.getAutoOAuthToken()).isNull();
        }

        @Test
        void loadsInFabric8WithInsecureHttpServer() {
            String input = kubeconfig("server: http://dev.example.com:8080\ninsecure-skip-tls-verify: true",
                    "username: admin\npassword: " + PASSWORD + "\n");
            String minimal = validator.validate(input, null, true).minimalKubeconfig();

            Config config = Config.fromKubeconfig(minimal);

            assertThat(config.getMasterUrl()).startsWith("http://dev.example.com:8080");
            assertThat(config.isTrustCerts()).isTrue();
            assertThat(config.getUsername()).isEqualTo("admin");
            assertThat(config.getPassword()).isEqualTo(PASSWORD);
        }
    }

    // --- fixtures and helpers ---

    /** One context {@code dev} (namespace team-a) on cluster {@code dev-cluster} as user {@code dev-user}. */
    private static String kubeconfig(String clusterBody, String userBody) {
        return """
                apiVersion: v1
                kind: Config
                current-context: dev
                clusters:
                - name: dev-cluster
                  cluster:
                %s
                contexts:
                - name: dev
                  context:
                    cluster: dev-cluster
                    user: dev-user
                    namespace: team-a
                users:
                - name: dev-user
                  user:
                %s
                """.formatted(body(clusterBody), body(userBody));
    }

    /** An inline {@code {}} stays on the key's line; anything else becomes an indented block. */
    private static String body(String yaml) {
        return yaml.strip().equals("{}") ? "    {}" : yaml.strip().indent(4).stripTrailing();
    }

    private static String twoContexts(String currentContextLine) {
        return """
                apiVersion: v1
                kind: Config
                %s
                clusters:
                - name: dev-cluster
                  cluster: {server: "https://dev.example.com", certificate-authority-data: %s}
                - name: prod-cluster
                  cluster: {server: "https://prod.example.com"}
                contexts:
                - name: dev
                  context: {cluster: dev-cluster, user: dev-user}
                - name: prod
                  context: {cluster: prod-cluster, user: prod-user}
                users:
                - name: dev-user
                  user: {token: dev-%s}
                - name: prod-user
                  user: {token: prod-%s}
                """.formatted(currentContextLine, CA_DATA, TOKEN, TOKEN);
    }

    private static String clientCertUser() {
        return "client-certificate-data: " + CERT_DATA + "\nclient-key-data: " + KEY_DATA + "\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A cluster body with the server and inline CA data. */
    private static String clusterAt(String server) {
        return "server: \"" + server + "\"\ncertificate-authority-data: " + CA_DATA;
    }

    private InvalidKubeconfigException refused(String input) {
        return refused(input, null, false);
    }

    private InvalidKubeconfigException refused(String input, String context, boolean allowInsecureTls) {
        return refused(input, context, allowInsecureTls, false);
    }

    private InvalidKubeconfigException refused(String input, String context, boolean allowInsecureTls,
                                               boolean allowProxy) {
        return refused(validator, input, context, allowInsecureTls, allowProxy);
    }

    private static InvalidKubeconfigException refused(KubeconfigValidator validator, String input,
                                                      boolean allowInsecureTls, boolean allowProxy) {
        return refused(validator, input, null, allowInsecureTls, allowProxy);
    }

    /** Expects a refusal, and checks that nothing in it reveals a secret value from the input. */
    private static InvalidKubeconfigException refused(KubeconfigValidator validator, String input, String context,
                                                      boolean allowInsecureTls, boolean allowProxy) {
        try {
            ValidatedKubeconfig accepted = validator.validate(input, context,
                    new KubeconfigAllowances(allowInsecureTls, allowProxy));
            return fail("expected a refusal, but the kubeconfig was accepted: " + accepted);
        } catch (InvalidKubeconfigException e) {
            assertThat(e.problems()).isNotEmpty();
            assertRevealsNoSecrets(e);
            return e;
        }
    }

    private static void assertRevealsNoSecrets(InvalidKubeconfigException e) {
        List<String> texts = new ArrayList<>(List.of(String.valueOf(e.getMessage()), e.toString()));
        for (KubeconfigProblem problem : e.problems()) {
            texts.add(problem.field());
            texts.add(problem.message());
        }
        for (String text : texts) {
            for (String secret : SECRETS) {
                assertThat(text).as("problem text must not reveal input values").doesNotContain(secret);
            }
        }
    }

    private static void assertProblem(InvalidKubeconfigException e, String field, String messageFragment) {
        assertThat(e.problems()).anySatisfy(problem -> {
            assertThat(problem.field()).isEqualTo(field);
            assertThat(problem.message()).contains(messageFragment);
        });
    }
}
