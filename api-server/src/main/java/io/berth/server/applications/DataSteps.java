package io.berth.server.applications;

import io.berth.server.operations.Operation;
import io.berth.server.operations.OperationState;
import io.berth.server.operations.OperationStep;
import java.util.function.BooleanSupplier;

/**
 * The steps of operations on an application's data ({@code Backup}, {@code Restore}, {@code Schedule}),
 * done through the workload's operators by the backups feature; {@link ApplicationSteps} hands them over.
 * (An interface here, so that feature depends on applications and not the other way round.)
 */
public interface DataSteps {

    /** One attempt at the step; a {@link io.berth.server.domain.FinalStepFailure} ends it for good. */
    void perform(ApplicationRecord app, Operation operation, OperationStep step, BooleanSupplier cancelled);

    /** Before a target is uninstalled: delete what these steps created there (a periodic backup, for one). */
    void uninstalling(ApplicationRecord app, String cluster, String namespace);

    /** Bookkeeping when such an operation ends, in the transaction that records its end. */
    void finished(Operation operation, OperationState state, String error);
}
