package io.berth.server.applications;

import io.swagger.v3.oas.annotations.Parameter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents the Idempotency-Key header of a POST the same way everywhere. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(description = "Any unique string (a UUID, say). Sending the same request again with the same key returns "
        + "the first request's operation instead of starting another; the same key with a different request is 422.")
public @interface IdempotencyKey {
}
