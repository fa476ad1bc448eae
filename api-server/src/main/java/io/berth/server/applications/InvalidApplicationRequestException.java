package io.berth.server.applications;

import io.berth.server.domain.InvalidRequestException;
import io.berth.server.domain.Violation;
import java.util.List;

/** A deploy, change or scale that cannot be carried out as asked; every violation at once. */
public class InvalidApplicationRequestException extends InvalidRequestException {

    private InvalidApplicationRequestException(String message, List<Violation> violations) {
        super(message, violations);
    }

    /** The spec's targets or values fail: the detail repeats the first violation so that a person sees one at once. */
    public static InvalidApplicationRequestException cannotDeploy(List<Violation> violations) {
        Violation first = violations.get(0);
        return new InvalidApplicationRequestException("The application cannot be deployed as asked: " + first.field()
                + " " + first.message() + (violations.size() > 1
                ? " (and " + (violations.size() - 1) + " more, see errors)" : ""), violations);
    }

    public static InvalidApplicationRequestException noScalableWorkload() {
        return new InvalidApplicationRequestException("The application has no scalable workload (StatefulSets, "
                + "Deployments, or custom resources whose template version declares how to scale them)",
                List.of(new Violation("workload", "nothing to scale")));
    }

    /** A scale without a workload is ambiguous when there are several. */
    public static InvalidApplicationRequestException severalScalableWorkloads(List<String> scalable) {
        return new InvalidApplicationRequestException("The application has several scalable workloads; name one",
                List.of(new Violation("workload", "one of " + scalable)));
    }

    public static InvalidApplicationRequestException notScalable(String workload, List<String> scalable) {
        return new InvalidApplicationRequestException("Workload '" + workload + "' cannot be scaled in this application",
                List.of(new Violation("workload", "one of " + scalable)));
    }

    /** A scale or sync of clusters the application has no target on, or of an empty list of clusters. */
    public static InvalidApplicationRequestException outsideTargets(String action, List<Violation> violations) {
        return new InvalidApplicationRequestException(action + " only clusters the application runs on", violations);
    }
}
