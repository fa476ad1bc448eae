package io.berth.cluster;

/**
 * One thing wrong with a submitted kubeconfig.
 *
 * @param field   where in the kubeconfig (for example {@code users[admin].exec}); never a value from it
 * @param message what is wrong and what to do instead; never contains credential material
 */
public record KubeconfigProblem(String field, String message) {
}
