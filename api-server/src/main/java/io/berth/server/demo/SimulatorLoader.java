package io.berth.server.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.springframework.boot.system.ApplicationHome;

/**
 * Finds the demo's {@link SimulatorFactory}.
 * <p>
 * kube-sim, the libraries only it needs and Berth's adapter to it are packed where Berth's class path
 * does not reach: in the folder {@value #BESIDE_FOLDER} beside berth.jar (the extracted layout that
 * {@code java -jar berth.jar} runs), or in {@value #DEMO_FOLDER} of berth-boot.jar (the one-file form; its
 * launcher puts only {@code BOOT-INF/classes} and {@code BOOT-INF/lib} on the class path), where they are
 * opened in place ({@code jar:nested:} URLs of Spring Boot's launcher; the build stores them uncompressed
 * for that). Either way they get a class loader of their own whose parent is Berth's: they share
 * Berth's fabric8, Vert.x and Jackson and see this package's interfaces, and Berth's class path never
 * sees them.
 * <p>
 * Started from a class path that holds them already (tests, an IDE), that class path is used.
 */
final class SimulatorLoader {

    static final String DEMO_FOLDER = "BOOT-INF/demo/";
    static final String BESIDE_FOLDER = "demo/";

    private SimulatorLoader() {
    }

    /** Where the simulator was found, and its factory. */
    record Found(SimulatorFactory factory, String from) {
    }

    static Found find() {
        ClassLoader berth = SimulatorLoader.class.getClassLoader();
        Optional<SimulatorFactory> onClassPath = ServiceLoader.load(SimulatorFactory.class, berth).findFirst();
        if (onClassPath.isPresent()) {
            return new Found(onClassPath.get(), "Berth's class path");
        }
        File source = new ApplicationHome(SimulatorLoader.class).getSource();
        List<URL> jars = source == null ? List.of() : demoJars(source);
        if (jars.isEmpty()) {
            throw new IllegalStateException("The demo's simulated clusters are not packaged with this Berth (no "
                    + BESIDE_FOLDER + " beside it nor " + DEMO_FOLDER + " in " + source + "); build it with ./mvnw package");
        }
        boolean beside = source.isFile() && "file".equals(jars.get(0).getProtocol());
        String from = (beside ? BESIDE_FOLDER + " beside " : DEMO_FOLDER + " of ") + source.getName();
        // Never closed: the simulator's threads load classes until the JVM ends.
        URLClassLoader demo = new URLClassLoader("berth-demo", jars.toArray(URL[]::new), berth);
        SimulatorFactory factory = ServiceLoader.load(SimulatorFactory.class, demo).findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + SimulatorFactory.class.getSimpleName() + " in " + from));
        return new Found(factory, from);
    }

    /**
     * The demo's jars: files of the demo folder when Berth runs from an unpacked directory, entries of
     * berth-boot.jar, or files of the folder beside berth.jar.
     */
    static List<URL> demoJars(File source) {
        try {
            if (source.isDirectory()) {
                return jarFiles(source.toPath().resolve(DEMO_FOLDER));
            }
            List<URL> urls = new ArrayList<>();
            try (JarFile jar = new JarFile(source)) {
                for (JarEntry entry : jar.stream().filter(SimulatorLoader::isDemoJar).sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
                    // the launcher registered the handler of jar:nested: URLs before Berth started
                    urls.add(new URL(nestedJarUrl(source, entry.getName())));
                }
            }
            return urls.isEmpty() ? jarFiles(source.getAbsoluteFile().toPath().resolveSibling(BESIDE_FOLDER)) : urls;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the demo's jars from " + source, e);
        }
    }

    private static List<URL> jarFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            return urls;
        }
    }

    private static boolean isDemoJar(JarEntry entry) {
        String name = entry.getName();
        return name.startsWith(DEMO_FOLDER) && name.endsWith(".jar") && name.indexOf('/', DEMO_FOLDER.length()) < 0;
    }

    /** A jar inside berth-boot.jar, as Spring Boot's launcher names one: {@code jar:nested:/path/berth-boot.jar/!BOOT-INF/demo/x.jar!/}. */
    static String nestedJarUrl(File outer, String entryName) {
        String path = outer.getAbsoluteFile().toURI().getRawPath().replace("!", "%21");
        return "jar:nested:" + path + "/!" + entryName + "!/";
    }
}
