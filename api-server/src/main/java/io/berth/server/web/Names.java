package io.berth.server.web;

/** The rule for names users choose: a DNS-1123 label, as Kubernetes uses for most names. */
public final class Names {

    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String DNS_LABEL_MESSAGE =
            "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit";
    public static final int MAX_LENGTH = 63;

    private Names() {
    }
}
