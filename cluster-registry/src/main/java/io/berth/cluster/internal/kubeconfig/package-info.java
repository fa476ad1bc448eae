/**
 * Validation of kubeconfigs submitted to register a cluster. {@link KubeconfigValidator} parses the submitted
 * YAML into a raw tree (so that no key goes unseen), selects one context, checks that context's cluster and user
 * against Berth's security model, and reduces the kubeconfig to just those three entries
 * ({@link ValidatedKubeconfig}); the package-private classes hold the rules for each kind of entry. Berth is a
 * server that loads kubeconfigs supplied by its users, so a kubeconfig must never make it run a command or read
 * one of its own files: {@code exec} credential plugins and {@code auth-provider} plugins would run code on the
 * Berth host with its privileges, and file references such as {@code certificate-authority}, {@code client-key}
 * or {@code tokenFile} would let a user read (or probe for) local files such as the server's own credentials.
 * Such kubeconfigs are refused with a problem that says how to inline the credential instead. Nor may a
 * kubeconfig make Berth connect anywhere but the cluster's server without the caller's consent: a
 * {@code proxy-url} needs {@code allowProxy}, and neither the server nor the proxy may be, or resolve to, an
 * address in a denied network (cloud metadata services, by default). Problems never quote credential values or
 * the raw YAML.
 */
package io.berth.cluster.internal.kubeconfig;
