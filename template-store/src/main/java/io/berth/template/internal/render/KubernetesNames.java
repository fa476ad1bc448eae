package io.berth.template.internal.render;

import java.util.regex.Pattern;

/** Kubernetes naming rules for object names and namespaces. */
final class KubernetesNames {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);

    private KubernetesNames() {
    }

    /** A DNS-1123 subdomain: lower-case alphanumerics, {@code -} and {@code .}, at most 253 characters. */
    static boolean isSubdomain(String name) {
        return name.length() <= 253 && SUBDOMAIN.matcher(name).matches();
    }

    /** A DNS-1123 label: lower-case alphanumerics and {@code -}, at most 63 characters. */
    static boolean isLabel(String name) {
        return name.length() <= 63 && LABEL_PATTERN.matcher(name).matches();
    }
}
