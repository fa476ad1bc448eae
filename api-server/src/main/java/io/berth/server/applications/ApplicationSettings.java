package io.berth.server.applications;

import java.util.Map;

/**
 * What a change sets on the application itself, beside its revision: its labels and whether it heals
 * itself when it drifts. Changes that do not set them (scale, rollback, sync, delete) pass {@link #UNCHANGED}.
 *
 * @param labels   the new labels, or {@code null} to keep them
 * @param selfHeal the new self-heal setting, or {@code null} to keep it
 */
record ApplicationSettings(Map<String, String> labels, Boolean selfHeal) {

    static final ApplicationSettings UNCHANGED = new ApplicationSettings(null, null);

    Map<String, String> labelsOr(Map<String, String> current) {
        return labels == null ? current : labels;
    }

    boolean selfHealOr(boolean current) {
        return selfHeal == null ? current : selfHeal;
    }
}
