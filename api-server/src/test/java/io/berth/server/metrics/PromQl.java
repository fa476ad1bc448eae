package io.berth.server.metrics;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: enough of the language for a dashboard's queries
 * (selectors, ranges, aggregations with by/without, vector matching, Grafana variables), not a parser.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        String bare = STRINGS.matcher(expression).replaceAll(" ");
        bare = LABEL_MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = LABEL_LISTS.matcher(bare).replaceAll(" ");
        bare = VARIABLES.matcher(bare).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            boolean call = identifier.group(2) != null; // a function or an aggregation
            if (!call && !KEYWORDS.contains(identifier.group(1).toLowerCase())) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /** The metric of a Grafana variable query such as {@code label_values(berth_cluster_status, cluster)}. */
    static Set<String> variableMetricNames(String query) {
        Matcher labelValues = Pattern.compile("label_values\\(\\s*([^,)]+)").matcher(query);
        return labelValues.find() ? metricNames(labelValues.group(1)) : metricNames(query);
    }
}
