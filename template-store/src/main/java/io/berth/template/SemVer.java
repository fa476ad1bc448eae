package io.berth.template;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version such as {@code 1.1.0-rc.1+build.5}, ordered by semver
 * precedence: major, minor and patch numerically; a pre-release is lower than its release;
 * pre-release identifiers compare one by one, numeric ones numerically and below alphanumeric ones,
 * alphanumeric ones in ASCII order, and a shorter list of equal identifiers is lower. Build metadata
 * plays no part in precedence (so {@code compareTo} may return 0 for versions that are not
 * {@code equals}).
 */
public record SemVer(long major, long minor, long patch, List<String> preRelease, List<String> build)
        implements Comparable<SemVer> {

    /** The regular expression published at semver.org: no {@code v} prefix, no leading zeros. */
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private static final Pattern NUMERIC = Pattern.compile("\\d+");

    /** Newest (highest precedence) first. */
    public static final Comparator<SemVer> NEWEST_FIRST = Comparator.<SemVer>naturalOrder().reversed();

    public SemVer {
        preRelease = preRelease == null ? List.of() : List.copyOf(preRelease);
        build = build == null ? List.of() : List.copyOf(build);
    }

    /** @throws IllegalArgumentException when {@code text} is not a semantic version */
    public static SemVer parse(String text) {
        Matcher m = text == null ? null : SEMVER.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a semantic version (MAJOR.MINOR.PATCH,"
                    + " optionally -pre.release and +build, no leading zeros, no 'v')");
        }
        return new SemVer(number(m.group(1), text), number(m.group(2), text), number(m.group(3), text),
                identifiers(m.group(4)), identifiers(m.group(5)));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    @Override
    public int compareTo(SemVer other) {
        int core = Comparator.comparingLong(SemVer::major).thenComparingLong(SemVer::minor)
                .thenComparingLong(SemVer::patch).compare(this, other);
        if (core != 0) {
            return core;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            int c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int compareIdentifiers(String a, String b) {
        boolean aNumeric = NUMERIC.matcher(a).matches();
        boolean bNumeric = NUMERIC.matcher(b).matches();
        if (aNumeric && bNumeric) {
            // no leading zeros, so the longer number is the larger one
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            text.append('-').append(String.join(".", preRelease));
        }
        if (!build.isEmpty()) {
            text.append('+').append(String.join(".", build));
        }
        return text.toString();
    }

    private static long number(String digits, String text) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" has a version number that is too large", e);
        }
    }

    private static List<String> identifiers(String dotted) {
        return dotted == null ? List.of() : List.of(dotted.split("\\."));
    }
}
