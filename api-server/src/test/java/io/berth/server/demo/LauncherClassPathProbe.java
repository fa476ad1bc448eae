package io.berth.server.demo;

import java.lang.reflect.Method;
import java.net.URL;
import java.util.Collection;

/**
 * Run in a JVM of its own with berth.jar on its class path: builds the class loader that
 * {@code java -jar berth.jar} runs Berth in, as Spring Boot's {@code JarLauncher} builds it, and prints,
 * for each class name given, whether that loader can load it ({@code loadable <name>} or
 * {@code not-loadable <name>}). Plain JDK code, so that nothing but berth.jar and this class is on its
 * class path.
 */
public final class LauncherClassPathProbe {

    private LauncherClassPathProbe() {
    }

    public static void main(String[] classNames) throws Exception {
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
        for (String name : classNames) {
            System.out.println((loadable(name, berth) ? "loadable " : "not-loadable ") + name);
        }
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
