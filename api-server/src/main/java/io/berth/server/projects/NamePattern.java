package io.berth.server.projects;

import java.util.regex.Pattern;

/**
 * A name, or a glob over names, in a project's destinations: {@code *} stands for any run of characters
 * (none included), {@code ?} for one; everything else stands for itself. Names are DNS-1123 labels, so a
 * pattern is made of their characters and the two wildcards.
 */
record NamePattern(String text) {

    private static final Pattern WELL_FORMED = Pattern.compile("[a-z0-9*?][-a-z0-9*?]*");
    static final int MAX_LENGTH = 63;

    /** Null when the text is a valid pattern, otherwise what is wrong with it. */
    static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "must not be empty";
        }
        if (text.length() > MAX_LENGTH || !WELL_FORMED.matcher(text).matches()) {
            return "must be a name or a glob of at most " + MAX_LENGTH
                    + " characters: lower-case letters, digits and '-', with '*' for any run and '?' for one character";
        }
        return null;
    }

    boolean matches(String name) {
        return matches(text, 0, name, 0);
    }

    /** Backtracks on '*' only: patterns and names are at most 63 characters. */
    private static boolean matches(String pattern, int p, String name, int n) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int rest = n; rest <= name.length(); rest++) {
                    if (matches(pattern, p + 1, name, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (n >= name.length() || (c != '?' && c != name.charAt(n))) {
                return false;
            }
            p++;
            n++;
        }
        return n == name.length();
    }
}
