/**
 * Template sets: named bundles of Kubernetes manifests with immutable, semver-numbered versions,
 * typed parameters and strict rendering. Rendering is pure (text in, manifests out): this module
 * never talks to a cluster and never imports the fabric8 client. Filled in by the template-store issue.
 */
package io.berth.template;
