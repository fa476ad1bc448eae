package io.berth.server.applications;

import io.berth.server.operations.OperationOptions;
import io.berth.server.operations.OperationStore.NewStep;
import io.berth.server.operations.OperationType;
import io.berth.server.operations.RequestContext;
import java.util.List;

/**
 * One checked change, ready to be recorded: the new revision (or none, for a delete), the steps of
 * its operation and the state the application moves to.
 *
 * @param expectedRevision the application's revision the change was planned against (null for a new one)
 * @param expectedVersion  the If-Match version, or null
 * @param plan             the checked revision content; null for a delete or a sync (which re-applies the current one)
 * @param settings         the labels and self-heal setting it sets, or {@link ApplicationSettings#UNCHANGED}
 */
record ApplicationChange(String application, OperationType type, RevisionCause cause, ApplicationPlanner.Plan plan,
                         Integer rolledBackTo, List<NewStep> steps, OperationOptions options, ApplicationState newState,
                         ApplicationSettings settings, Integer expectedRevision, Long expectedVersion,
                         RequestContext request) {
}
