package io.berth.template.internal.render;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.berth.template.BackupHint;
import io.berth.template.HealthHint;
import io.berth.template.ObjectKeyPattern;
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
            if (hint.backup() != null && hint.health() == null) {
                // a restore is done when the rebuilt workload is healthy again: Berth must be able to tell
                problems.add(TemplateProblem.at(path, "a hint with backup needs health too"));
            }
            checkBackup(hint.backup(), path + ".backup", problems);
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

    private static void checkBackup(BackupHint backup, String path, List<TemplateProblem> problems) {
        if (backup == null) {
            return;
        }
        if (!BackupHint.S3.equals(backup.storage())) {
            problems.add(TemplateProblem.at(path + ".storage", "storage must be S3 (the one kind Berth delivers credentials for)"));
        }
        if (backup.oneShot() == null) {
            problems.add(TemplateProblem.at(path + ".oneShot", "a backup declaration needs oneShot"));
        }
        if (backup.restore() == null) {
            problems.add(TemplateProblem.at(path + ".restore", "a backup declaration needs restore"));
        }
        checkResource(backup.oneShot(), path + ".oneShot", false, problems);
        checkResource(backup.scheduled(), path + ".scheduled", true, problems);
        checkResource(backup.restore(), path + ".restore", false, problems);
    }

    private static void checkResource(BackupHint.BackupResource resource, String path, boolean scheduled,
                                      List<TemplateProblem> problems) {
        if (resource == null) {
            return;
        }
        if (isBlank(resource.template())) {
            problems.add(TemplateProblem.at(path + ".template", "template must hold the resource's YAML"));
        }
        if (isBlank(resource.succeededPath()) || isBlank(resource.reasonPath())) {
            problems.add(TemplateProblem.at(path, "succeededPath and reasonPath are needed to tell the outcome"));
        }
        for (String dotted : new String[] {resource.succeededPath(), resource.reasonPath(), resource.revisionPath(),
                resource.finishedPath()}) {
            if (!isBlank(dotted) && !DOTTED_PATH.matcher(dotted).matches()) {
                problems.add(TemplateProblem.at(path, "\"" + dotted + "\" is not a dotted path such as status.succeeded"));
            }
        }
        if (scheduled) {
            problems.addAll(ObjectKeyPattern.problems(resource.objectKey(), path + ".objectKey"));
        } else if (resource.objectKey() != null) {
            problems.add(TemplateProblem.at(path + ".objectKey", "objectKey is for scheduled backups only"));
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
