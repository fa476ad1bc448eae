package io.berth.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key a scheduled backup gives each object it writes, as a {@link BackupHint.BackupResource#objectKey()}
 * declares it: {@code {key}}, {@code {revision}} and {@code {finished:<pattern>}} stand for the schedule's
 * key, the revision the backup holds and when it was taken (UTC). The etcd backup operator's is
 * {@code {key}_v{revision}_{finished:yyyy-MM-dd-HH:mm:ss}}.
 */
public final class ObjectKeyPattern {

    private static final Pattern PART = Pattern.compile("\\{(key|revision|finished:([^}]+))}");

    private ObjectKeyPattern() {
    }

    /** The object's key; {@code revision} may be null only when the pattern does not use it. */
    public static String keyOf(String pattern, String key, Long revision, Instant finished) {
        Matcher matcher = PART.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value;
            if (matcher.group(1).equals("key")) {
                value = key;
            } else if (matcher.group(1).equals("revision")) {
                value = String.valueOf(revision);
            } else {
                value = DateTimeFormatter.ofPattern(matcher.group(2)).withZone(ZoneOffset.UTC).format(finished);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The revision and time an object's key holds, read back through the pattern that made it. */
    public record Parsed(Long revision, Instant finished) {
    }

    /**
     * Reads a key the pattern made for {@code key} back into its revision and time (either null when the pattern
     * does not use it); empty when the key is not of that shape.
     */
    public static java.util.Optional<Parsed> parse(String pattern, String key, String objectKey) {
        Matcher matcher = PART.matcher(pattern);
        StringBuilder regex = new StringBuilder();
        String timePattern = null;
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(pattern.substring(last, matcher.start())));
            if (matcher.group(1).equals("key")) {
                regex.append(Pattern.quote(key));
            } else if (matcher.group(1).equals("revision")) {
                regex.append("(?<revision>[0-9]{1,18})");
            } else {
                regex.append("(?<finished>.+?)");
                timePattern = matcher.group(2);
            }
            last = matcher.end();
        }
        regex.append(Pattern.quote(pattern.substring(last)));
        Matcher found = Pattern.compile(regex.toString()).matcher(objectKey);
        if (!found.matches()) {
            return java.util.Optional.empty();
        }
        Long revision = pattern.contains("{revision}") ? Long.valueOf(found.group("revision")) : null;
        Instant finished = null;
        if (timePattern != null) {
            try {
                finished = java.time.LocalDateTime.parse(found.group("finished"), DateTimeFormatter.ofPattern(timePattern))
                        .toInstant(ZoneOffset.UTC);
            } catch (java.time.DateTimeException notATime) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(new Parsed(revision, finished));
    }

    /** What is wrong with a declared pattern (empty: nothing). */
    public static List<TemplateProblem> problems(String pattern, String path) {
        List<TemplateProblem> problems = new ArrayList<>();
        if (pattern == null || !pattern.startsWith("{key}")) {
            problems.add(TemplateProblem.at(path, "a scheduled backup needs objectKey, starting with {key}"));
            return problems;
        }
        Matcher matcher = PART.matcher(pattern);
        boolean distinct = false;
        while (matcher.find()) {
            if (matcher.group(2) != null) {
                try {
                    DateTimeFormatter.ofPattern(matcher.group(2));
                } catch (IllegalArgumentException e) {
                    problems.add(TemplateProblem.at(path, "\"" + matcher.group(2) + "\" is not a date-time pattern: "
                            + e.getMessage()));
                }
                distinct = true;
            }
            distinct |= matcher.group(1).equals("revision");
        }
        if (!distinct) {
            problems.add(TemplateProblem.at(path, "objectKey must tell the objects apart with {revision} or {finished:...}"));
        }
        return problems;
    }
}
