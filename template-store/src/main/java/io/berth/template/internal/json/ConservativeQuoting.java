package io.berth.template.internal.json;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Leaves a string unquoted only when no YAML reader could take it for anything but a string: it
 * starts with a letter, {@code /} or {@code _}, holds only letters, digits and {@code _ . / -}, and
 * is not a YAML 1.1 boolean or null word. Everything else (numbers, dates, {@code 0x10},
 * {@code 1_000}, {@code 12:30}, {@code .inf}, {@code on}, strings with {@code : # * & !}…) is
 * double-quoted. Kubernetes reads manifests with a YAML 1.1 parser, so Jackson's default rule,
 * which follows YAML 1.2, is not enough.
 */
final class ConservativeQuoting extends StringQuotingChecker {

    private static final long serialVersionUID = 1L;

    private static final Pattern SAFE_PLAIN = Pattern.compile("[A-Za-z/_][A-Za-z0-9_./-]*");

    private static final Set<String> YAML_11_WORDS =
            Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

    @Override
    public boolean needToQuoteName(String name) {
        return needToQuoteValue(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return !SAFE_PLAIN.matcher(value).matches()
                || YAML_11_WORDS.contains(value.toLowerCase(Locale.ROOT));
    }
}
