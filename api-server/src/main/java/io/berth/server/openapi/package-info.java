/**
 * The OpenAPI document's shared parts: security scheme and Problem schema, and on every operation its
 * request example (resources {@code openapi/examples/<operationId>.json}), the roles that may call it, the
 * If-Match header and the problem responses it can answer. What an operation does is written on its
 * controller method; docs/openapi.yaml is the document as the running application serves it.
 */
package io.berth.server.openapi;
