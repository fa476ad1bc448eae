package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.server.applications.ApplicationBodies.CreateApplication;
import io.berth.server.applications.ApplicationBodies.RollbackApplication;
import io.berth.server.applications.ApplicationBodies.ScaleApplication;
import io.berth.server.operations.Operation;
import io.berth.server.operations.OperationRunner;
import io.berth.server.operations.OperationStore;
import io.berth.server.operations.OperationStore.KeyedOperation;
import io.berth.server.operations.RequestContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A POST retried with its Idempotency-Key while the first is still being handled: the one that loses
 * fails on what its twin wrote, and answers with the twin's operation instead. Which failures count as
 * such a loss is decided by their type, not by the problem they become.
 */
class IdempotentRetriesTest {

    private static final String KEY = "retry-1";
    private static final RequestContext KEYED = new RequestContext("ops", "req-1", KEY, "sha256:same");
    private static final RequestContext UNKEYED = new RequestContext("ops", "req-1", null, null);
    private static final UUID TWINS_OPERATION = UUID.randomUUID();
    private static final io.berth.server.security.Caller OPS =
            io.berth.server.security.Caller.token("ops", io.berth.server.security.Role.operator);

    private final ApplicationStore applications = mock(ApplicationStore.class);
    private final OperationStore operations = mock(OperationStore.class);
    private final Operation twins = mock(Operation.class);
    private final ApplicationService service = new ApplicationService(applications, new RevisionCache(applications), operations,
            mock(ApplicationPlanner.class), mock(ApplicationLedger.class), mock(OperationRunner.class),
            mock(io.berth.server.projects.ProjectDirectory.class), mock(ProjectDestinationCheck.class), mock(ProjectTemplateSetCheck.class));

    @Test
    void aDeployThatLostTheNameToItsTwinAnswersWithTheTwinsOperation() {
        when(applications.find("web")).thenReturn(Optional.of(application(null)));
        twinCommitsWhileThisOneIsChecked();

        assertThat(service.deploy(deploy("web"), OPS, KEYED)).isSameAs(twins);
    }

    @Test
    void aScaleThatFoundItsTwinsOperationUnderWayAnswersWithIt() {
        when(applications.find("web")).thenReturn(Optional.of(application(TWINS_OPERATION)));
        twinCommitsWhileThisOneIsChecked();

        assertThat(service.scale("web", new ScaleApplication(3, null, null, null, null), KEYED)).isSameAs(twins);
    }

    @Test
    void withoutAKeyATakenNameStands() {
        when(applications.find("web")).thenReturn(Optional.of(application(null)));

        assertThatThrownBy(() -> service.deploy(deploy("web"), OPS, UNKEYED))
                .isInstanceOf(ApplicationAlreadyExistsException.class);
    }

    @Test
    void aConflictWithNoTwinBehindItStands() {
        when(applications.find("web")).thenReturn(Optional.of(application(TWINS_OPERATION)));
        when(operations.findByIdempotencyKey("ops", KEY)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> service.scale("web", new ScaleApplication(3, null, null, null, null), KEYED))
                .isInstanceOf(ApplicationBusyException.class);
    }

    @Test
    void aMissingApplicationIsNeverTakenForALostRace() {
        when(applications.find("web")).thenReturn(Optional.empty());
        twinCommitsWhileThisOneIsChecked();

        assertThatThrownBy(() -> service.rollback("web", new RollbackApplication(1, null, null), KEYED))
                .isInstanceOf(ApplicationNotFoundException.class);
        verify(operations, times(1)).findByIdempotencyKey("ops", KEY); // looked up before, never after
    }

    /** The first look for the key finds nothing; by the time this request has failed, the twin has committed. */
    private void twinCommitsWhileThisOneIsChecked() {
        when(operations.findByIdempotencyKey("ops", KEY))
                .thenReturn(Optional.empty(), Optional.of(new KeyedOperation(TWINS_OPERATION, "sha256:same")));
        when(operations.find(TWINS_OPERATION)).thenReturn(Optional.of(twins));
    }

    private static ApplicationRecord application(UUID activeOperationId) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        return new ApplicationRecord(UUID.randomUUID(), "web", "nginx", Map.of(), ApplicationState.Active, false, 1,
                activeOperationId, 1, now, "ops", now, "ops", io.berth.server.projects.Project.DEFAULT_ID);
    }

    private static CreateApplication deploy(String name) {
        return new CreateApplication(name, null, "nginx", "1.0.0", Map.of(), null, null, null, null, null, null, null);
    }
}
