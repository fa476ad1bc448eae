package io.berth.template.internal.helm.pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.berth.template.internal.helm.worker.HelmWorkerMain;

/**
 * What a Helm worker is started with, taken from Berth's own class path without loading any of it:
 * the worker's class path (this module, helm-java, its lib-api and JNA) and Helm's native library
 * for this platform, copied once per JVM out of helm-java's platform jar.
 *
 * <p>Where a jar sits inside {@code berth-boot.jar} (Spring Boot's nested jars) it is copied out too, so
 * the same code serves the packaged application and the test class path. The copies live in a
 * private temporary directory that is deleted when the JVM exits.
 */
public final class HelmRuntime {

    /** A name, not a class literal: Berth's JVM never loads the worker's classes (a test keeps it right). */
    static final String WORKER_MAIN = "io.berth.template.internal.helm.worker.HelmWorkerMain";
    static final String RUNTIME_PREFIX = "berth-helm-runtime-";
    /** A constant of the worker's, inlined by the compiler. */
    static final String WORKER_PREFIX = HelmWorkerMain.DIRECTORY_PREFIX;

    /** One class of each jar (or directory) the worker needs, found as resources: nothing is loaded. */
    static final List<String> CLASS_PATH_RESOURCES = List.of(
            WORKER_MAIN.replace('.', '/') + ".class",
            "com/marcnuri/helm/TemplateCommand.class",
            "com/marcnuri/helm/jni/HelmLib.class",
            "com/sun/jna/Native.class");

    /** helm-java's platform jars declare themselves here; the library is the jar's {@code helm-*.so}. */
    static final String NATIVE_PROVIDERS = "META-INF/services/com.marcnuri.helm.jni.NativeLibrary";
    private static final Pattern LIBRARY = Pattern.compile("helm-[^/]+\\.(so|dylib|dll)");

    private static final Object LOCK = new Object();
    private static volatile HelmRuntime prepared;

    private final List<Path> classPath;
    private final Path library;

    private HelmRuntime(List<Path> classPath, Path library) {
        this.classPath = List.copyOf(classPath);
        this.library = library;
    }

    /** Why Helm cannot run on this platform, or empty when it can. Looks for resources only. */
    public static Optional<String> unavailable() {
        ClassLoader loader = HelmRuntime.class.getClassLoader();
        for (String resource : CLASS_PATH_RESOURCES) {
            if (loader.getResource(resource) == null) {
                return Optional.of(resource + " is not on the class path");
            }
        }
        if (providers(loader).isEmpty()) {
            return Optional.of("no helm-java native library for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " on the class path");
        }
        return Optional.empty();
    }

    /**
     * The runtime, prepared on the first call (copying the library takes about a second).
     *
     * @throws IllegalStateException when Helm cannot run on this platform or the copies fail
     */
    public static HelmRuntime prepared() {
        HelmRuntime current = prepared;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (prepared == null) {
                unavailable().ifPresent(reason -> {
                    throw new IllegalStateException("Helm charts cannot be rendered on this platform: " + reason);
                });
                try {
                    prepared = prepare(HelmRuntime.class.getClassLoader());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot prepare the Helm worker's files", e);
                }
            }
            return prepared;
        }
    }

    List<Path> classPath() {
        return classPath;
    }

    Path library() {
        return library;
    }

    /** The java launcher of the JVM Berth runs on: the worker runs on the same Java. */
    Path java() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    private static HelmRuntime prepare(ClassLoader loader) throws IOException {
        Path directory = PrivateDirectories.create(RUNTIME_PREFIX);
        PrivateDirectories.removeOrphans(RUNTIME_PREFIX, directory);
        PrivateDirectories.removeOrphans(WORKER_PREFIX, directory);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PrivateDirectories.delete(directory),
                "helm-runtime-cleanup"));
        LinkedHashSet<Path> classPath = new LinkedHashSet<>();
        for (String resource : CLASS_PATH_RESOURCES) {
            classPath.add(local(CodeLocation.of(loader.getResource(resource), resource), directory));
        }
        Path library = library(platformProvider(providers(loader)), directory);
        return new HelmRuntime(new ArrayList<>(classPath), library);
    }

    private static List<CodeLocation> providers(ClassLoader loader) {
        try {
            List<CodeLocation> providers = new ArrayList<>();
            for (URL url : Collections.list(loader.getResources(NATIVE_PROVIDERS))) {
                providers.add(CodeLocation.of(url, NATIVE_PROVIDERS));
            }
            return providers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for helm-java's native library", e);
        }
    }

    /** The provider for this OS and architecture when several are on the class path, else the only one. */
    static CodeLocation platformProvider(List<CodeLocation> providers) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String platform = (os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : os)
                + "-" + (arch.equals("x86_64") ? "amd64" : arch.equals("aarch64") ? "arm64" : arch);
        return providers.stream().filter(p -> p.toString().contains(platform)).findFirst().orElse(providers.get(0));
    }

    private static Path local(CodeLocation location, Path directory) throws IOException {
        if (location instanceof CodeLocation.Directory d) {
            return d.root();
        }
        if (location instanceof CodeLocation.LocalJar j) {
            return j.jar();
        }
        CodeLocation.NestedJar nested = (CodeLocation.NestedJar) location;
        try (InputStream in = new URL(nested.url()).openStream()) {
            return copy(in, directory.resolve(nested.fileName()));
        }
    }

    private static Path library(CodeLocation provider, Path directory) throws IOException {
        if (provider instanceof CodeLocation.Directory d) {
            try (Stream<Path> files = Files.list(d.root())) {
                return files.filter(f -> LIBRARY.matcher(f.getFileName().toString()).matches()).findFirst()
                        .orElseThrow(() -> new IOException("no Helm library in " + d.root()));
            }
        }
        if (provider instanceof CodeLocation.LocalJar j) {
            try (JarFile jar = new JarFile(j.jar().toFile())) {
                JarEntry entry = jar.stream().filter(e -> LIBRARY.matcher(e.getName()).matches()).findFirst()
                        .orElseThrow(() -> new IOException("no Helm library in " + j.jar()));
                try (InputStream in = jar.getInputStream(entry)) {
                    return copy(in, directory.resolve(entry.getName()));
                }
            }
        }
        CodeLocation.NestedJar nested = (CodeLocation.NestedJar) provider;
        try (JarInputStream jar = new JarInputStream(new URL(nested.url()).openStream())) {
            for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                if (LIBRARY.matcher(entry.getName()).matches()) {
                    return copy(jar, directory.resolve(entry.getName()));
                }
            }
        }
        throw new IOException("no Helm library in " + nested.url());
    }

    private static Path copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
