package io.berth.template.internal.helm.pool;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;

/**
 * Where a resource found on Berth's class path comes from, as the worker's class path needs it: a
 * directory ({@code target/classes} in tests), a jar on disk (the Maven repository in tests), or a
 * jar inside another one (Spring Boot's {@code BOOT-INF/lib/} of {@code berth-boot.jar}), which a plain
 * {@code java -cp} cannot read and has to be copied out first.
 */
sealed interface CodeLocation {

    /** The root of a class-path directory. */
    record Directory(Path root) implements CodeLocation {
    }

    /** A jar file on disk. */
    record LocalJar(Path jar) implements CodeLocation {
    }

    /**
     * A jar that only a URL handler can read, such as Spring Boot's
     * {@code nested:/app/berth-boot.jar/!BOOT-INF/lib/helm-java-0.0.15.jar}.
     *
     * @param url      the jar's URL, opened with the handler Spring Boot's launcher registers
     * @param fileName the jar's own name, for its copy
     */
    record NestedJar(String url, String fileName) implements CodeLocation {
    }

    /**
     * @param resource the resource's URL, as a class loader gave it
     * @param name     the resource's name, as it was asked for ({@code com/sun/jna/Native.class})
     */
    static CodeLocation of(URL resource, String name) {
        String text = resource.toString();
        if (resource.getProtocol().equals("file")) {
            Path file = Path.of(URI.create(text));
            Path root = file;
            for (int i = name.split("/").length; i > 0; i--) {
                root = root.getParent();
            }
            return new Directory(root);
        }
        int separator = text.lastIndexOf("!/");
        if (!resource.getProtocol().equals("jar") || separator < 0) {
            throw new IllegalArgumentException("cannot put " + text + " on a class path");
        }
        String jar = text.substring("jar:".length(), separator);
        if (jar.startsWith("file:")) {
            return new LocalJar(Path.of(URI.create(jar)));
        }
        return new NestedJar(jar, jar.substring(jar.lastIndexOf('/') + 1));
    }
}
