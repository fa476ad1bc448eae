package io.berth.template.internal.helm.pool;

/** Helm refused the chart or the values; the message is Helm's own. */
public final class HelmRefused extends Exception {

    private static final long serialVersionUID = 1L;

    HelmRefused(String message) {
        super(message == null || message.isBlank() ? "Helm failed without a message" : message);
    }
}
