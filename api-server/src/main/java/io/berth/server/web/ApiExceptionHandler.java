package io.berth.server.web;

import io.berth.cluster.ClusterAlreadyExistsException;
import io.berth.cluster.ClusterCallException;
import io.berth.cluster.ClusterInUseException;
import io.berth.cluster.ClusterNotFoundException;
import io.berth.cluster.ClusterVersionMismatchException;
import io.berth.cluster.InvalidKubeconfigException;
import io.berth.cluster.InvalidLabelsException;
import io.berth.template.ContentKind;
import io.berth.template.ContentTooLargeException;
import io.berth.template.InvalidTemplateException;
import io.berth.template.InvalidVersionNumberException;
import io.berth.template.RenderException;
import io.berth.template.StaleTemplateSetException;
import io.berth.template.TemplateSetAlreadyExistsException;
import io.berth.template.TemplateInUseException;
import io.berth.template.TemplateSetNotFoundException;
import io.berth.template.TemplateVersionAlreadyExistsException;
import io.berth.template.TemplateVersionNotFoundException;
import io.berth.template.VersionRenderException;
import io.berth.server.database.DatabaseFaults;
import io.berth.server.domain.AlreadyExistsException;
import io.berth.server.domain.ChangedSinceReadException;
import io.berth.server.domain.ConflictException;
import io.berth.server.domain.InvalidRequestException;
import io.berth.server.domain.NotFoundException;
import io.berth.server.domain.QuotaExceededException;
import io.berth.server.domain.DestinationNotAllowedException;
import io.berth.server.domain.OperationUnderWayException;
import io.berth.server.domain.TemplateProblemFields;
import io.berth.server.domain.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into a problem response. Domain exceptions map to fixed types here, not in the
 * controllers: the cluster registry's and the template store's one by one, the application's own by
 * their kind ({@link io.berth.server.domain}); their message is the detail. When an exception is of two
 * mapped kinds (an {@link AlreadyExistsException} is a {@link ConflictException}), Spring picks the
 * handler of the nearer one. Details are written by Berth: parser and client messages are never passed
 * through, because they can quote the request body (a kubeconfig) or a cluster's answer.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** Shared with the filters that reach the database before Spring MVC does. */
    /** What a caller refused by its role is told, wherever the refusal comes from. */
    public static final String ROLE_DOES_NOT_ALLOW = "Your role does not allow this request";

    public static final String DATABASE_UNAVAILABLE_DETAIL = "Berth cannot reach its database right now. Try again in a "
            + "few seconds; a POST sent with an Idempotency-Key can be repeated safely";

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        return respond(Problems.of(e.type(), e.getMessage(), e.errors(), request));
    }

    @ExceptionHandler({ClusterNotFoundException.class, TemplateSetNotFoundException.class,
            TemplateVersionNotFoundException.class, NotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.NOT_FOUND, e.getMessage(), request));
    }

    @ExceptionHandler({ClusterAlreadyExistsException.class, TemplateSetAlreadyExistsException.class,
            TemplateVersionAlreadyExistsException.class, AlreadyExistsException.class})
    ResponseEntity<ProblemDetail> exists(RuntimeException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.ALREADY_EXISTS, e.getMessage(), request));
    }

    @ExceptionHandler({ClusterInUseException.class, TemplateInUseException.class, ConflictException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.CONFLICT, e.getMessage(), request));
    }

    /** A busy resource: {@code errors} names the operation to wait for, so a client need not parse the detail. */
    @ExceptionHandler(OperationUnderWayException.class)
    ResponseEntity<ProblemDetail> busy(OperationUnderWayException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.CONFLICT, e.getMessage(),
                List.of(new FieldProblem("activeOperationId", e.activeOperationId().toString())), request));
    }

    /** A change without If-Match that lost a race against another writer: nothing was changed, send it again. */
    @ExceptionHandler({io.berth.cluster.ConcurrentClusterChangeException.class,
            io.berth.template.ConcurrentTemplateSetChangeException.class})
    ResponseEntity<ProblemDetail> lostRace(RuntimeException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.CONFLICT, e.getMessage(), request));
    }

    @ExceptionHandler({ClusterVersionMismatchException.class, StaleTemplateSetException.class,
            ChangedSinceReadException.class})
    ResponseEntity<ProblemDetail> stale(RuntimeException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.PRECONDITION_FAILED, e.getMessage(), request));
    }

    /** Targets outside the project's destinations: each one named, as a field of the request. */
    @ExceptionHandler(DestinationNotAllowedException.class)
    ResponseEntity<ProblemDetail> destinationNotAllowed(DestinationNotAllowedException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.DESTINATION_NOT_ALLOWED, e.getMessage(), fields(e.violations()), request));
    }

    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<ProblemDetail> quotaExceeded(QuotaExceededException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.QUOTA_EXCEEDED, e.getMessage(), request));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.VALIDATION_FAILED, e.getMessage(), fields(e.violations()), request));
    }

    @ExceptionHandler(InvalidVersionNumberException.class)
    ResponseEntity<ProblemDetail> versionNumber(InvalidVersionNumberException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.VALIDATION_FAILED, "The version number is not a semantic version",
                List.of(new FieldProblem("version", e.getMessage())), request));
    }

    @ExceptionHandler(InvalidTemplateException.class)
    ResponseEntity<ProblemDetail> invalidTemplate(InvalidTemplateException e, HttpServletRequest request) {
        List<FieldProblem> errors = fields(e.kind() == ContentKind.Helm
                ? TemplateProblemFields.ofHelmPublish(e.problems()) : TemplateProblemFields.ofPublish(e.problems()));
        return respond(Problems.of(ProblemType.INVALID_TEMPLATE, "The content cannot be published: "
                + summary(errors), errors, request));
    }

    @ExceptionHandler(RenderException.class)
    ResponseEntity<ProblemDetail> renderFailed(RenderException e, HttpServletRequest request) {
        List<FieldProblem> errors = fields(e instanceof VersionRenderException v && v.kind() == ContentKind.Helm
                ? TemplateProblemFields.ofHelmRender(e.problems()) : TemplateProblemFields.ofRender(e.problems()));
        String what = e instanceof VersionRenderException v
                ? "Version " + v.version() + " of template set '" + v.templateSet() + "'" : "The template";
        return respond(Problems.of(ProblemType.RENDER_FAILED, what + " cannot be rendered with these values: "
                + summary(errors), errors, request));
    }

    @ExceptionHandler(ContentTooLargeException.class)
    ResponseEntity<ProblemDetail> templateTooLarge(ContentTooLargeException e, HttpServletRequest request) {
        String setting = "bytes".equals(e.limit()) ? "berth.templates.max-version-bytes" : "berth.templates.max-documents";
        return respond(Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The template content is too large: " + e.actual() + " "
                + e.limit() + " where at most " + e.maximum() + " are allowed (" + setting + ")", request));
    }

    @ExceptionHandler(InvalidKubeconfigException.class)
    ResponseEntity<ProblemDetail> kubeconfig(InvalidKubeconfigException e, HttpServletRequest request) {
        List<FieldProblem> errors = e.problems().stream()
                .map(p -> new FieldProblem("kubeconfig." + p.field(), p.message())).toList();
        String detail = "The kubeconfig was refused: " + e.problems().get(0).message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more, see errors)" : "");
        return respond(Problems.of(ProblemType.INVALID_KUBECONFIG, detail, errors, request));
    }

    @ExceptionHandler(InvalidLabelsException.class)
    ResponseEntity<ProblemDetail> labels(InvalidLabelsException e, HttpServletRequest request) {
        List<FieldProblem> errors = e.problemsByKey().entrySet().stream()
                .map(p -> new FieldProblem("labels." + p.getKey(), p.getValue())).toList();
        return respond(Problems.of(ProblemType.VALIDATION_FAILED, "Some labels break the Kubernetes label rules", errors, request));
    }

    @ExceptionHandler(ClusterCallException.class)
    ResponseEntity<ProblemDetail> cluster(ClusterCallException e, HttpServletRequest request) {
        ProblemType type = e.answered() ? ProblemType.CLUSTER_ERROR : ProblemType.CLUSTER_UNREACHABLE;
        return respond(Problems.of(type, e.getMessage(), request));
    }

    /** Refused by {@code @PreAuthorize} (Spring's message says nothing) or by Berth's own check (its message says why). */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e, HttpServletRequest request) {
        String detail = e instanceof AuthorizationDeniedException ? ROLE_DOES_NOT_ALLOW : e.getMessage();
        return respond(Problems.of(ProblemType.FORBIDDEN, detail, request));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemType.MALFORMED_REQUEST, "Parameter '" + e.getName() + "' has an invalid value",
                List.of(new FieldProblem(e.getName(), "invalid value")), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseFaults.isUnavailable(e)) {
            return databaseUnavailable(e, request);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(Problems.of(ProblemType.INTERNAL_ERROR,
                "Something went wrong inside Berth; quote the requestId when you report it", request));
    }

    /** The database is down or paused: nothing was changed, and the same request may simply be sent again. */
    private static ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("{} {} answered 503: the database is unavailable ({})", request.getMethod(), request.getRequestURI(),
                e.getClass().getSimpleName());
        return ResponseEntity.status(ProblemType.DATABASE_UNAVAILABLE.status())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseFaults.RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(ProblemType.DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_DETAIL, request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::fieldProblem).toList();
        return body(Problems.of(ProblemType.VALIDATION_FAILED, "The request has " + errors.size() + " invalid field(s)",
                errors, servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new FieldProblem(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return body(Problems.of(ProblemType.VALIDATION_FAILED, "The request has " + errors.size() + " invalid parameter(s)",
                errors, servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.berth.server.web.RequestSizeLimitFilter.BodyTooLargeException tooLarge) {
                return body(Problems.of(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), servletRequest(request)));
            }
        }
        // the strict mapper refused the body: say where and what, in Berth's words
        if (e.getCause() instanceof tools.jackson.core.JacksonException refused) {
            ApiException problem = RequestBodyProblems.of(refused);
            return body(Problems.of(problem.type(), problem.getMessage(), problem.errors(), servletRequest(request)));
        }
        return body(Problems.of(ProblemType.MALFORMED_REQUEST,
                "The request body is not valid JSON or does not fit the expected shape (check types and brackets)",
                servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail given ? given
                : e instanceof ErrorResponse response ? response.getBody() : ProblemDetail.forStatus(status);
        ProblemType type = ProblemType.forStatus(status.value());
        Problems.normalise(problem, type, servletRequest(request));
        if (problem.getDetail() == null) {
            problem.setDetail(type.title());
        }
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String summary(List<FieldProblem> errors) {
        FieldProblem first = errors.get(0);
        return first.field() + ": " + first.message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more, see errors)" : "");
    }

    private static List<FieldProblem> fields(List<Violation> violations) {
        return violations.stream().map(FieldProblem::of).toList();
    }

    private static FieldProblem fieldProblem(FieldError error) {
        return new FieldProblem(error.getField(), error.getDefaultMessage());
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof NativeWebRequest nativeRequest ? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
    }
}
