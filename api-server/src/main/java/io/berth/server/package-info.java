/**
 * The Berth application: the HTTP API (one package per feature: clusters, tokens, ...), security,
 * database selection and the shared web conventions.
 */
package io.berth.server;
