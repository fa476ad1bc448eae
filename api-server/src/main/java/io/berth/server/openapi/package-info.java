/** The OpenAPI document's shared parts: security scheme, Problem schema, error responses. */
package io.berth.server.openapi;
