package io.berth.template;

/**
 * One thing wrong with a template or with the values given to it.
 *
 * @param documentIndex 0-based index of the YAML document among the non-empty documents of the
 *                      content, or {@code null} when the problem is not about one document
 *                      (parameter values, the parameters schema, defaults, hints)
 * @param path          JSON path inside that document or inside the values/schema/hints, such as
 *                      {@code $.spec.replicas}, or {@code null} when there is none (YAML syntax)
 * @param message       what is wrong, for people; YAML syntax problems start with their line
 */
public record TemplateProblem(Integer documentIndex, String path, String message) {

    public TemplateProblem {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a problem needs a message");
        }
    }

    public static TemplateProblem inDocument(int documentIndex, String path, String message) {
        return new TemplateProblem(documentIndex, path, message);
    }

    public static TemplateProblem at(String path, String message) {
        return new TemplateProblem(null, path, message);
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder();
        if (documentIndex != null) {
            where.append("document ").append(documentIndex);
        }
        if (path != null) {
            where.append(where.length() == 0 ? "" : " ").append(path);
        }
        return where.length() == 0 ? message : where + ": " + message;
    }
}
