package io.berth.template;

/**
 * The version number is taken: versions are immutable, so publishing a number again is refused
 * whatever the content. Numbers that differ only in build metadata ({@code 1.0.0+a}, {@code 1.0.0+b})
 * count as the same number, because semver gives them the same precedence and "newest" would be
 * ambiguous.
 */
public class TemplateVersionAlreadyExistsException extends RuntimeException {

    public TemplateVersionAlreadyExistsException(String templateSet, String version, String existing) {
        super(message(templateSet, version, existing), null, false, false);
    }

    private static String message(String templateSet, String version, String existing) {
        String base = "Template set '" + templateSet + "' already has version " + existing;
        return version.equals(existing)
                ? base + "; versions are immutable, publish a new version number"
                : base + ", which has the same precedence as " + version + " (build metadata is not part of precedence);"
                        + " publish a new version number";
    }
}
