package io.berth.server.web;

import io.berth.cluster.LabelSelector;
import java.util.List;

/** The {@code labelSelector} query parameter of list endpoints: parsed, or a 422 problem naming it. */
public final class LabelSelectorParameter {

    private LabelSelectorParameter() {
    }

    public static LabelSelector parse(String text) {
        try {
            return LabelSelector.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The label selector does not parse",
                    List.of(new FieldProblem("labelSelector", e.getMessage())));
        }
    }
}
