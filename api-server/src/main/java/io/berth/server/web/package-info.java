/**
 * What every endpoint shares: problem responses (RFC 9457) — also for what Tomcat refuses before any
 * filter runs and for the error page —, request ids, the body size limit, the text rules of request
 * bodies, cursors, ETags, the Idempotency-Key header and the list shape. Features refuse requests with
 * domain exceptions ({@link io.berth.server.domain}); {@link io.berth.server.web.ApiExceptionHandler}
 * alone decides which problem answers each.
 */
package io.berth.server.web;
