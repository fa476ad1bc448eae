package io.berth.template;

import java.util.List;

/** A stored version could not be rendered with the values given; says which version it was. */
public class VersionRenderException extends RenderException {

    private static final long serialVersionUID = 1L;

    private final String templateSet;
    private final String version;

    public VersionRenderException(String templateSet, String version, List<TemplateProblem> problems) {
        super(problems);
        this.templateSet = templateSet;
        this.version = version;
    }

    public String templateSet() {
        return templateSet;
    }

    public String version() {
        return version;
    }
}
