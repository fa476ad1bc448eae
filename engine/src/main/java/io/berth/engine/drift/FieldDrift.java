package io.berth.engine.drift;

/**
 * One field Berth applied that is not what it applied any more.
 *
 * @param path    where, in the object: {@code spec.replicas}, {@code spec.template.spec.containers[name=nginx].image}
 * @param applied what Berth applied there (JSON value as a string)
 * @param live    what is there now; {@code null} when the field is gone
 */
public record FieldDrift(String path, String applied, String live) {
}
