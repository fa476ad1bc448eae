/**
 * Storage of template sets and versions: entities, repositories and the JSON form of a version's
 * schema, defaults and hints in their columns. Private to the template-store module.
 */
package io.berth.template.internal.store;
