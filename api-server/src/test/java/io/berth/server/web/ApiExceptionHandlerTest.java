package io.berth.server.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.berth.server.applications.ApplicationAlreadyExistsException;
import io.berth.server.applications.ApplicationBusyException;
import io.berth.server.applications.ApplicationChangedException;
import io.berth.server.applications.ApplicationConflictException;
import io.berth.server.applications.ApplicationNotFoundException;
import io.berth.server.applications.ApplicationState;
import io.berth.server.applications.IdempotencyKeyReusedException;
import io.berth.server.applications.InvalidApplicationRequestException;
import io.berth.server.applications.RevisionNotFoundException;
import io.berth.server.applications.TemplateVersionGoneException;
import io.berth.server.domain.Violation;
import io.berth.server.operations.OperationEndedException;
import io.berth.server.operations.OperationNotFoundException;
import io.berth.server.operations.OperationState;
import io.berth.server.tokens.InvalidTokenRequestException;
import io.berth.server.tokens.TokenAlreadyExistsException;
import io.berth.server.tokens.TokenNotFoundException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The features' exceptions answer with the problem the API has always sent for them: type, status,
 * detail and errors, word for word. A controller that throws what it is told stands in for the services.
 */
class ApiExceptionHandlerTest {

    private static final UUID OPERATION = UUID.fromString("0b6f9c2e-3d4a-4e5f-8a7b-1c2d3e4f5a6b");

    private final Refusing controller = new Refusing();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(controller)
            .setControllerAdvice(new ApiExceptionHandler()).build();

    @Test
    void missingThingsAreNotFound() throws Exception {
        notFound(new ApplicationNotFoundException("web"), "No application named 'web'");
        notFound(new RevisionNotFoundException("web", 7), "Application 'web' has no revision 7");
        notFound(new TemplateVersionGoneException("nginx", "1.2.0"),
                "Version 1.2.0 of template set 'nginx' does not exist (any more)");
        notFound(new OperationNotFoundException(OPERATION), "No operation with id " + OPERATION);
        notFound(new TokenNotFoundException("ci"), "No token named 'ci'");
    }

    @Test
    void aTakenNameIsAlreadyExistsNotAPlainConflict() throws Exception {
        refuse(new ApplicationAlreadyExistsException("web"), 409, "already-exists", "An application named 'web' exists "
                + "(a deleted one keeps its name until purged with DELETE ?purge=true)")
                .andExpect(jsonPath("$.errors").doesNotExist());
        refuse(new TokenAlreadyExistsException("ci"), 409, "already-exists", "A token named 'ci' already exists");
    }

    @Test
    void aBusyApplicationNamesTheOperationUnderWayInErrors() throws Exception {
        refuse(new ApplicationBusyException("web", OPERATION), 409, "conflict", "Application 'web' has operation "
                + OPERATION + " under way; wait for it to end (GET /api/v1/operations/" + OPERATION + ") or cancel it")
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("activeOperationId"))
                .andExpect(jsonPath("$.errors[0].message").value(OPERATION.toString()));
    }

    @Test
    void aStateThatRefusesTheChangeIsAConflict() throws Exception {
        conflict(ApplicationConflictException.notActive("web", ApplicationState.Deleting),
                "Application 'web' is Deleting; it cannot be changed");
        conflict(ApplicationConflictException.deletedAlready("web"),
                "Application 'web' is deleted already; DELETE ?purge=true forgets it and its history");
        conflict(ApplicationConflictException.deleted("web"),
                "Application 'web' is deleted; purge it (DELETE ?purge=true) and deploy it anew");
        conflict(ApplicationConflictException.beingDeleted("web"),
                "Application 'web' is being deleted; only another DELETE may follow a failed uninstall");
        conflict(ApplicationConflictException.revisionMovedOn("web", 4),
                "Application 'web' got revision 4 while this change was being checked; send it again");
        conflict(new OperationEndedException(OPERATION, OperationState.Succeeded),
                "Operation " + OPERATION + " has ended (Succeeded); nothing to cancel");
    }

    @Test
    void aChangeOfAnOutdatedApplicationFailsItsPrecondition() throws Exception {
        refuse(ApplicationChangedException.beforeChange("web", 3), 412, "precondition-failed",
                "Application 'web' has changed since you read it (ETag \"3\"); read it again");
        refuse(ApplicationChangedException.beforePurge("web"), 412, "precondition-failed",
                "Application 'web' has changed since you read it");
    }

    @Test
    void anInvalidRequestListsEveryViolationAndSumsThemUpInTheDetail() throws Exception {
        refuse(InvalidApplicationRequestException.cannotDeploy(List.of(
                new Violation("targets[0].cluster", "no cluster named 'east' is registered"),
                new Violation("targets[1]", "names west/web a second time"))), 422, "validation-failed",
                "The application cannot be deployed as asked: targets[0].cluster no cluster named 'east' is registered"
                        + " (and 1 more, see errors)")
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("targets[0].cluster"))
                .andExpect(jsonPath("$.errors[0].message").value("no cluster named 'east' is registered"))
                .andExpect(jsonPath("$.errors[1].field").value("targets[1]"))
                .andExpect(jsonPath("$.errors[1].message").value("names west/web a second time"));
        refuse(InvalidApplicationRequestException.cannotDeploy(List.of(
                new Violation("targets", "give at least one target or a clusterSelector"))), 422, "validation-failed",
                "The application cannot be deployed as asked: targets give at least one target or a clusterSelector");
    }

    @Test
    void aWorkloadThatCannotBeScaledIsNamedWithTheOnesThatCan() throws Exception {
        invalid(InvalidApplicationRequestException.noScalableWorkload(), "The application has no scalable workload "
                + "(StatefulSets, Deployments, or custom resources whose template version declares how to scale them)",
                "workload", "nothing to scale");
        invalid(InvalidApplicationRequestException.severalScalableWorkloads(List.of("StatefulSet/db", "Deployment/web")),
                "The application has several scalable workloads; name one",
                "workload", "one of [StatefulSet/db, Deployment/web]");
        invalid(InvalidApplicationRequestException.notScalable("Service/web", List.of("StatefulSet/db")),
                "Workload 'Service/web' cannot be scaled in this application", "workload", "one of [StatefulSet/db]");
        invalid(InvalidApplicationRequestException.outsideTargets("Scale", List.of(new Violation("clusters", "must not be empty"))),
                "Scale only clusters the application runs on", "clusters", "must not be empty");
    }

    @Test
    void aReusedKeyAndAnExpiredTokenAreInvalidRequests() throws Exception {
        invalid(new IdempotencyKeyReusedException(),
                "This Idempotency-Key was used for another request; use a new key for a new request",
                "Idempotency-Key", "already used for a different request");
        invalid(InvalidTokenRequestException.expiryNotInTheFuture(), "expiresAt must be in the future",
                "expiresAt", "must be in the future");
    }

    private void notFound(RuntimeException e, String detail) throws Exception {
        refuse(e, 404, "not-found", detail).andExpect(jsonPath("$.errors").doesNotExist());
    }

    private void conflict(RuntimeException e, String detail) throws Exception {
        refuse(e, 409, "conflict", detail).andExpect(jsonPath("$.errors").doesNotExist());
    }

    private void invalid(RuntimeException e, String detail, String field, String message) throws Exception {
        refuse(e, 422, "validation-failed", detail)
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(message));
    }

    private ResultActions refuse(RuntimeException e, int status, String type, String detail) throws Exception {
        controller.next = e;
        return mvc.perform(get("/refuse"))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:berth:problem:" + type))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").value(detail))
                .andExpect(jsonPath("$.instance").value("/refuse"));
    }

    /** Throws whatever the test hands it, the way a service would from inside a controller. */
    @RestController
    static class Refusing {

        private RuntimeException next;

        @GetMapping("/refuse")
        void refuse() {
            throw next;
        }
    }
}
