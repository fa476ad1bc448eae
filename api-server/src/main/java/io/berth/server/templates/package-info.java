/**
 * HTTP endpoints of the template store ({@code /api/v1/template-sets}): sets, immutable versions,
 * rendering previews and diffs. The logic lives in template-store; label selectors and cluster labels
 * for rendering come from cluster-registry, which this layer may use and the template store may not.
 */
package io.berth.server.templates;
