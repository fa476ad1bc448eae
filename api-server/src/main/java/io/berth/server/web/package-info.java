/**
 * What every endpoint shares: problem responses (RFC 9457) — also for what Tomcat refuses before any
 * filter runs and for the error page —, request ids, the body size limit, the text rules of request
 * bodies, cursors, ETags and the list shape.
 */
package io.berth.server.web;
