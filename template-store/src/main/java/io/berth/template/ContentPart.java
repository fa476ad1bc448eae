package io.berth.template;

/**
 * Which part of a version's content, or of the values given to it, a {@link TemplateProblem} is
 * about, so that callers can name the field at fault ({@code documents[2].spec.replicas},
 * {@code parametersSchema.type}, {@code defaults.replicas}, {@code hints[0].scale}, {@code values.size}).
 * A problem's path is relative to its part: see {@link #relativePath(TemplateProblem)}.
 */
public enum ContentPart {
    DOCUMENTS, PARAMETERS_SCHEMA, DEFAULTS, HINTS, VALUES;

    /** The message prefix of problems with a version's defaults (written by the parameter checks). */
    static final String DEFAULTS_PREFIX = "default value: ";
    private static final String HINTS_PATH = "$.hints";

    /** The part a problem found by {@link ContentValidator} (at publish time) is about. */
    public static ContentPart ofPublishProblem(TemplateProblem problem) {
        if (isDocumentProblem(problem)) {
            return DOCUMENTS;
        }
        if (problem.message().startsWith(DEFAULTS_PREFIX)) {
            return DEFAULTS;
        }
        if (problem.path().equals(HINTS_PATH) || problem.path().startsWith(HINTS_PATH + "[")) {
            return HINTS;
        }
        return PARAMETERS_SCHEMA;
    }

    /** The part a problem found by {@link TemplateRenderer} is about: the documents, the defaults or the values. */
    public static ContentPart ofRenderProblem(TemplateProblem problem) {
        if (isDocumentProblem(problem)) {
            return DOCUMENTS;
        }
        return problem.message().startsWith(DEFAULTS_PREFIX) ? DEFAULTS : VALUES;
    }

    /**
     * The problem's path inside this part, without the leading {@code $}: {@code .spec.replicas},
     * {@code [0].scale} (for hints), {@code ['$schema']}, or empty for the part as a whole.
     */
    public String relativePath(TemplateProblem problem) {
        String path = problem.path();
        if (path == null || path.equals("$")) {
            return "";
        }
        if (this == HINTS && path.startsWith(HINTS_PATH)) {
            return path.substring(HINTS_PATH.length());
        }
        return path.startsWith("$") ? path.substring(1) : "." + path;
    }

    private static boolean isDocumentProblem(TemplateProblem problem) {
        return problem.documentIndex() != null || problem.path() == null;
    }
}
