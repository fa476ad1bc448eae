/**
 * What every endpoint shares: problem responses (RFC 9457), request ids, the body size limit,
 * cursors, ETags and the list shape.
 */
package io.berth.server.web;
