package io.berth.server.demo;

import java.lang.reflect.Method;
import java.net.URL;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;

/**
 * Run in a JVM of its own with a Berth jar on its class path: takes the class loader that
 * {@code java -jar} runs Berth in and prints, for each class name given, whether that loader can load it
 * ({@code loadable <name>} or {@code not-loadable <name>}), and the class path. The first argument says
 * which loader: {@value #BOOT_LAUNCHER} builds it as Spring Boot's {@code JarLauncher} does for
 * berth-boot.jar; {@value #JVM} is the JVM's own, which reads berth.jar's manifest Class-Path. Plain JDK
 * code, so that nothing but the jar and this class is on its class path.
 */
public final class LauncherClassPathProbe {

    static final String BOOT_LAUNCHER = "--boot-launcher";
    static final String JVM = "--jvm";

    private LauncherClassPathProbe() {
    }

    public static void main(String[] args) throws Exception {
        String[] classNames = Arrays.copyOfRange(args, 1, args.length);
        ClassLoader berth = args[0].equals(BOOT_LAUNCHER) ? bootLauncherClassLoader() : jvmClassLoader();
        for (String name : classNames) {
            System.out.println((loadable(name, berth) ? "loadable " : "not-loadable ") + name);
        }
    }

    private static ClassLoader jvmClassLoader() {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        // the class path as the JVM expanded it from the manifests: the jars' resources, one per entry
        try {
            for (URL manifest : Collections.list(loader.getResources("META-INF/MANIFEST.MF"))) {
                System.out.println("class-path " + manifest.toString().replace("!/META-INF/MANIFEST.MF", ""));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return loader;
    }

    private static ClassLoader bootLauncherClassLoader() throws Exception {
        Class.forName("org.springframework.boot.loader.net.protocol.Handlers").getMethod("register").invoke(null);
        Class<?> launcherType = Class.forName("org.springframework.boot.loader.launch.JarLauncher");
        Object launcher = launcherType.getConstructor().newInstance();
        Class<?> executable = launcherType.getSuperclass();
        Method classPath = executable.getDeclaredMethod("getClassPathUrls");
        classPath.setAccessible(true);
        Method createClassLoader = executable.getDeclaredMethod("createClassLoader", Collection.class);
        createClassLoader.setAccessible(true);
        @SuppressWarnings("unchecked")
        Collection<URL> urls = (Collection<URL>) classPath.invoke(launcher);
        ClassLoader berth = (ClassLoader) createClassLoader.invoke(launcher, urls);
        for (URL url : urls) {
            System.out.println("class-path " + url);
        }
        return berth;
    }

    private static boolean loadable(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
