package io.berth.template.internal.json;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The one place where a JSON or YAML parser failure becomes words for people. A limit of the parser
 * (nesting depth, length of a number, a string, a key or the document) is said in Berth's words, such
 * as "nested deeper than 500 levels"; any other message keeps the parser's words about the text, without
 * the excerpts and caret lines SnakeYAML adds and without anything naming the parser's own classes,
 * settings or features (those mean nothing to the author of a template and change between versions).
 */
public final class ParserMessages {

    private static final Pattern MAXIMUM = Pattern.compile("maximum allowed \\((\\d+)");
    private static final Pattern CODE_POINT_LIMIT = Pattern.compile("exceeds the limit: (\\d+) code points");
    private static final Pattern SOURCE_REFERENCE = Pattern.compile("\\s*\\([^()\\[]*\\[Source:[^\\]]*\\]\\)|\\s*(?:at )?\\[Source:[^\\]]*\\]");
    private static final Pattern FEATURE_HINT = Pattern.compile(
            "\\s*\\((?:[^()]*\\bFeature '[A-Za-z_]+'[^()]*|[^()]*`[^`]*`[^()]*)\\)|[:;,]?\\s*enable `[^`]*` to allow|\\s*`[^`]*`");
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\s*\\(?\\b(?:java|javax|jakarta|tools\\.jackson|com\\.fasterxml|org\\.snakeyaml)\\.[A-Za-z0-9_.$]+\\)?");

    private ParserMessages() {
    }

    /** What is wrong with the text, in one line. */
    public static String describe(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return limit(e.getOriginalMessage());
        }
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "unreadable text";
        }
        Matcher codePoints = CODE_POINT_LIMIT.matcher(message);
        if (codePoints.find()) {
            return "the text is longer than " + codePoints.group(1) + " characters";
        }
        String scrubbed = scrub(essence(message));
        return scrubbed.isBlank() ? "unreadable text" : scrubbed;
    }

    /** A limit of the parser, named by what it limits, with the maximum that was passed. */
    private static String limit(String message) {
        String text = String.valueOf(message);
        Matcher allowed = MAXIMUM.matcher(text);
        StreamReadConstraints defaults = StreamReadConstraints.defaults();
        if (text.contains("NestingDepth")) {
            return "nested deeper than " + maximum(allowed, defaults.getMaxNestingDepth()) + " levels";
        }
        if (text.contains("NumberLength")) {
            return "a number is longer than " + maximum(allowed, defaults.getMaxNumberLength()) + " characters";
        }
        if (text.contains("StringLength")) {
            return "a string is longer than " + maximum(allowed, defaults.getMaxStringLength()) + " characters";
        }
        if (text.contains("NameLength")) {
            return "a key is longer than " + maximum(allowed, defaults.getMaxNameLength()) + " characters";
        }
        if (text.contains("DocumentLength")) {
            return "the text is longer than " + maximum(allowed, defaults.getMaxDocumentLength()) + " characters";
        }
        if (text.contains("TokenCount")) {
            return "the text holds more than " + maximum(allowed, defaults.getMaxTokenCount()) + " values and keys";
        }
        return "the text passes a size limit of the parser (nesting, or the length of a number, string or key)";
    }

    private static long maximum(Matcher allowed, long fallback) {
        return allowed.find() ? Long.parseLong(allowed.group(1)) : fallback;
    }

    /** The parser's own words without the excerpts and caret lines SnakeYAML adds. */
    private static String essence(String message) {
        return Arrays.stream(message.split("\n"))
                .filter(l -> !l.startsWith("    "))
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("in reader") && !l.startsWith("at [Source"))
                .filter(l -> !l.matches("\\^+"))
                .distinct()
                .collect(Collectors.joining("; "));
    }

    /** Drops source references, feature hints and Java names that some parser messages hold. */
    static String scrub(String message) {
        String text = SOURCE_REFERENCE.matcher(message).replaceAll("");
        text = FEATURE_HINT.matcher(text).replaceAll("");
        text = JAVA_NAME.matcher(text).replaceAll("");
        return text.replaceAll("\\s{2,}", " ").replaceAll("\\s+([:;,)])", "$1").strip();
    }
}
