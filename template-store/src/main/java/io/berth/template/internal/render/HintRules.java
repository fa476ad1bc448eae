package io.berth.template.internal.render;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.berth.template.HealthHint;
import io.berth.template.ScaleHint;
import io.berth.template.TemplateProblem;
import io.berth.template.WorkloadHint;

/**
 * Checks the workload hints of a version: each names an apiVersion and kind present among the
 * documents, at most once; says how to scale (the {@code /scale} subresource or a replicas path, not
 * both) and/or how to judge health (a ready condition, or a status path with its value lists).
 */
public final class HintRules {

    private static final Pattern DOTTED_PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private HintRules() {
    }

    public static void check(List<WorkloadHint> hints, List<ManifestIdentity> documents, List<TemplateProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < hints.size(); i++) {
            String path = "$.hints[" + i + "]";
            WorkloadHint hint = hints.get(i);
            if (isBlank(hint.apiVersion()) || isBlank(hint.kind())) {
                problems.add(TemplateProblem.at(path, "a hint needs apiVersion and kind"));
                continue;
            }
            if (!seen.add(hint.apiVersion() + " " + hint.kind())) {
                problems.add(TemplateProblem.at(path, "another hint already describes " + hint.apiVersion() + " " + hint.kind()));
            }
            if (documents.stream().noneMatch(d -> d.apiVersion().equals(hint.apiVersion()) && d.kind().equals(hint.kind()))) {
                problems.add(TemplateProblem.at(path, "no document is of kind " + hint.kind() + " (" + hint.apiVersion() + ")"));
            }
            if (hint.scale() == null && hint.health() == null) {
                problems.add(TemplateProblem.at(path, "a hint needs scale, health or both"));
            }
            checkScale(hint.scale(), path + ".scale", problems);
            checkHealth(hint.health(), path + ".health", problems);
        }
    }

    private static void checkScale(ScaleHint scale, String path, List<TemplateProblem> problems) {
        if (scale == null) {
            return;
        }
        boolean hasPath = !isBlank(scale.replicasPath());
        if (scale.subresource() == hasPath) { // both or neither
            problems.add(TemplateProblem.at(path, "scale needs exactly one of subresource: true or replicasPath"));
        } else if (hasPath && !DOTTED_PATH.matcher(scale.replicasPath()).matches()) {
            problems.add(TemplateProblem.at(path + ".replicasPath", "replicasPath must be a dotted path such as spec.size"));
        }
    }

    private static void checkHealth(HealthHint health, String path, List<TemplateProblem> problems) {
        if (health == null) {
            return;
        }
        boolean hasCondition = !isBlank(health.readyCondition());
        boolean hasStatusPath = !isBlank(health.statusPath());
        if (hasCondition == hasStatusPath) {
            problems.add(TemplateProblem.at(path, "health needs exactly one of readyCondition or statusPath"));
            return;
        }
        if (hasCondition) {
            if (!health.healthy().isEmpty() || !health.progressing().isEmpty() || !health.degraded().isEmpty()) {
                problems.add(TemplateProblem.at(path, "healthy, progressing and degraded go with statusPath, not readyCondition"));
            }
            return;
        }
        if (!DOTTED_PATH.matcher(health.statusPath()).matches()) {
            problems.add(TemplateProblem.at(path + ".statusPath", "statusPath must be a dotted path such as status.phase"));
        }
        if (health.healthy().isEmpty()) {
            problems.add(TemplateProblem.at(path + ".healthy", "statusPath needs at least one healthy value"));
        }
        Set<String> values = new HashSet<>();
        for (List<String> list : List.of(health.healthy(), health.progressing(), health.degraded())) {
            for (String value : list) {
                if (!values.add(value)) {
                    problems.add(TemplateProblem.at(path, "\"" + value + "\" is listed more than once"));
                }
            }
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
