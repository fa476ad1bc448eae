/**
 * The template store's public API. {@link io.berth.template.TemplateStore} is the entry point: it
 * stores template sets and their immutable, semver-numbered versions, renders previews and diffs
 * versions. A {@code Simple} version ({@link io.berth.template.SimpleContent}) is multi-document YAML with
 * {@code {{ name }}} placeholders, a JSON Schema for its parameters, defaults and workload hints.
 * {@link io.berth.template.ContentValidator} checks content before it is published,
 * {@link io.berth.template.TemplateRenderer} renders it strictly and deterministically,
 * {@link io.berth.template.ContentDigest}, {@link io.berth.template.SemVer} and
 * {@link io.berth.template.TextDiff} identify, order and compare versions.
 *
 * <p>Rendering is pure (text in, manifests out): this module never talks to a cluster and never
 * imports the fabric8 client. Everything under {@code internal} is private to this module.
 */
package io.berth.template;
