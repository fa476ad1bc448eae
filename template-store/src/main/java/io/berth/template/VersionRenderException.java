package io.berth.template;

import java.util.List;

/** A stored version could not be rendered with the values given; says which version it was. */
public class VersionRenderException extends RenderException {

    private static final long serialVersionUID = 1L;

    private final String templateSet;
    private final String version;

    private final ContentKind kind;

    public VersionRenderException(String templateSet, String version, List<TemplateProblem> problems) {
        this(templateSet, version, ContentKind.Simple, problems);
    }

    /** @param kind the version's kind: for {@code Helm} the problems' paths are chart files or {@code values} */
    public VersionRenderException(String templateSet, String version, ContentKind kind, List<TemplateProblem> problems) {
        super(problems);
        this.templateSet = templateSet;
        this.version = version;
        this.kind = kind;
    }

    public ContentKind kind() {
        return kind;
    }

    public String templateSet() {
        return templateSet;
    }

    public String version() {
        return version;
    }
}
