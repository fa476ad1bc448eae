package io.berth.template.internal.json;

import java.util.regex.Pattern;

/** Builds JSON-path strings such as {@code $.spec.containers[0].image} or {@code $.metadata.labels['app.kubernetes.io/name']}. */
public final class JsonPaths {

    public static final String ROOT = "$";

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {
    }

    public static String child(String parent, String name) {
        if (SIMPLE_NAME.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The path of a dotted parameter name, e.g. {@code nested.name} → {@code $.nested.name}. */
    public static String ofDotted(String dotted) {
        String path = ROOT;
        for (String segment : dotted.split("\\.", -1)) {
            path = child(path, segment);
        }
        return path;
    }
}
