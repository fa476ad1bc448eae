package io.berth.engine.tree;

/**
 * The ordinal in a StatefulSet's pod and claim names: {@code web-2} is pod 2 of {@code web}, and
 * {@code www-web-2} its claim from template {@code www}. Pure.
 */
final class Ordinals {

    /** More digits would not fit an int; no StatefulSet comes near. */
    private static final int MAX_DIGITS = 9;

    private Ordinals() {
    }

    /** The {@code n} of {@code <prefix>-<n>}, or {@code null} when the name is not that. */
    static Integer after(String prefix, String name) {
        String start = prefix + "-";
        if (name == null || !name.startsWith(start)) {
            return null;
        }
        String digits = name.substring(start.length());
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        // "web-01" is no pod of web: the controller never writes leading zeros
        return digits.length() > 1 && digits.charAt(0) == '0' ? null : Integer.valueOf(digits);
    }
}
