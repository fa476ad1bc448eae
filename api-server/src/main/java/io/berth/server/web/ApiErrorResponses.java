package io.berth.server.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an operation can answer besides those every operation can (400, 401, 403, 500, 503) and
 * those its shape implies (404 for a path with a name, 413 and 415 for a request body, 412 for If-Match).
 * The OpenAPI customiser turns them into documented problem responses.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiErrorResponses {

    /** Statuses, each documented with the problem type Berth usually answers with it. */
    int[] value() default {};

    /** Problem types besides a status's usual one, such as {@code ALREADY_EXISTS} or {@code INVALID_KUBECONFIG}. */
    ProblemType[] problems() default {};
}
