package io.berth.template.internal.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.berth.template.TemplateProblem;

/**
 * Turns Helm's messages into problems. A problem about a template names the file as Helm does
 * ({@code web/templates/statefulset.yaml}); values that break {@code values.schema.json} are one
 * problem each at path {@code values}. Messages keep Helm's words, which may quote the values given
 * (the caller's own), lose the paths of the temporary workspace and are cut at
 * {@value #MAX_MESSAGE} characters.
 */
final class HelmMessages {

    static final int MAX_MESSAGE = 1000;

    private static final String DEBUG_HINT = "Use --debug flag to render out invalid YAML";
    private static final String SCHEMA_FAILURE = "values don't meet the specifications of the schema(s)";
    private static final List<Pattern> FILE_PATTERNS = List.of(
            Pattern.compile("(?:execution|parse) error at \\(([^():\\s]+):\\d+"),
            Pattern.compile("template: ([^:\\s]+):\\d+:\\d+:"),
            Pattern.compile("YAML parse error on ([^:\\s]+):"),
            Pattern.compile("^cannot load ([^:\\s]+):"));
    private static final Pattern LINT_LINE = Pattern.compile("^\\[(ERROR|WARNING|INFO)\\] ([^:]*): ?(.*)$", Pattern.DOTALL);
    private static final String LINT_ERROR_ONLY = "Error ";

    private HelmMessages() {
    }

    /**
     * The problems in the error of a {@code helm template} call.
     *
     * @param chartName the chart's name, left out before its own schema failures (kept for subcharts)
     * @param workspace the temporary directory's path as text, removed from messages
     */
    static List<TemplateProblem> renderProblems(String error, String chartName, String workspace) {
        String message = scrub(error, workspace).replace(DEBUG_HINT, "").strip();
        if (message.startsWith(SCHEMA_FAILURE)) {
            List<TemplateProblem> problems = schemaProblems(message, chartName);
            if (!problems.isEmpty()) {
                return problems;
            }
        }
        return List.of(TemplateProblem.at(templateFile(message), cap(message)));
    }

    /**
     * The errors in the report of a {@code helm lint} call; warnings and information are left out.
     * A failed lint without an error line gives one problem with the whole report.
     */
    static List<TemplateProblem> lintProblems(List<String> lines, boolean failed, String workspace) {
        List<String> messages = joinContinuations(lines);
        List<TemplateProblem> problems = new ArrayList<>();
        for (String raw : messages) {
            String message = scrub(raw, workspace).strip();
            Matcher line = LINT_LINE.matcher(message);
            if (line.matches()) {
                if (line.group(1).equals("ERROR")) {
                    String text = line.group(3).strip();
                    String file = templateFile(text);
                    String path = file != null ? file : line.group(2).isBlank() ? null : line.group(2).strip();
                    problems.add(TemplateProblem.at(path, cap(text.isEmpty() ? "error" : text)));
                }
            } else if (message.startsWith(LINT_ERROR_ONLY)) {
                String text = message.substring(LINT_ERROR_ONLY.length()).strip();
                problems.add(TemplateProblem.at(templateFile(text), cap(text)));
            }
        }
        if (failed && problems.isEmpty()) {
            String all = scrub(String.join("\n", messages), workspace).strip();
            problems.add(TemplateProblem.at(null, cap(all.isEmpty() ? "helm lint failed without a message" : all)));
        }
        return problems;
    }

    /** helm-java splits the report at line breaks; a line that does not start a message continues one. */
    private static List<String> joinContinuations(List<String> lines) {
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            boolean starts = line.startsWith("[") && LINT_LINE.matcher(line).matches() || line.startsWith(LINT_ERROR_ONLY);
            if (starts || messages.isEmpty()) {
                messages.add(line);
            } else {
                int last = messages.size() - 1;
                messages.set(last, messages.get(last) + "\n" + line);
            }
        }
        return messages;
    }

    private static List<TemplateProblem> schemaProblems(String message, String chartName) {
        List<TemplateProblem> problems = new ArrayList<>();
        String chart = null;
        for (String line : message.split("\n")) {
            String text = line.strip();
            if (text.startsWith("- ")) {
                String prefix = chart == null || chart.equals(chartName) ? "" : "chart " + chart + ": ";
                problems.add(TemplateProblem.at("values", cap(prefix + text.substring(2).strip())));
            } else if (text.endsWith(":") && !text.startsWith(SCHEMA_FAILURE)) {
                chart = text.substring(0, text.length() - 1);
            }
        }
        return problems;
    }

    /** The template file a message is about, as Helm names it, or {@code null}. */
    private static String templateFile(String message) {
        for (Pattern pattern : FILE_PATTERNS) {
            Matcher matcher = pattern.matcher(message);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    static String scrub(String message, String workspace) {
        String text = message == null ? "" : message;
        return workspace == null ? text : text.replace(workspace + "/chart/", "").replace(workspace + "/", "")
                .replace(workspace, "");
    }

    static String cap(String message) {
        if (message.length() <= MAX_MESSAGE) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(MAX_MESSAGE - 1)) ? MAX_MESSAGE - 1 : MAX_MESSAGE;
        return message.substring(0, end) + "… (cut at " + MAX_MESSAGE + " characters)";
    }
}
