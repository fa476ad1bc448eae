package io.berth.template;

/**
 * What a version's content is: {@code Simple} (multi-document YAML with placeholders, a parameters
 * schema, defaults and hints, see {@link SimpleContent}) or {@code Helm} (a chart archive).
 */
public enum ContentKind {
    Simple, Helm
}
