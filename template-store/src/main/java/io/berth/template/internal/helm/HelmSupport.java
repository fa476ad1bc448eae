package io.berth.template.internal.helm;

import java.nio.file.Path;
import java.util.List;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.jni.NativeLibrary;

/**
 * Helm itself, in this process: helm-java calls the Helm library (Go, built as a shared library)
 * through JNA. The library ships in a jar per platform (chosen by Maven profiles of helm-java when
 * the project is built) and is copied to a temporary file and loaded on first use, once per JVM.
 *
 * <p>Only a library found on this module's class path is loaded: helm-java would otherwise download
 * one from Maven Central at run time, which this class never lets happen.
 */
public final class HelmSupport {

    private static final Object LOCK = new Object();
    private static volatile String state;
    private static volatile String version;

    private static final String AVAILABLE = "";

    private HelmSupport() {
    }

    /** Whether the Helm library loads on this platform (checked once, on first call). */
    public static boolean available() {
        return AVAILABLE.equals(check());
    }

    /** The version of Helm in the library, such as {@code v3.16.4}. */
    public static String version() {
        require();
        return version;
    }

    /** @throws IllegalStateException when the Helm library cannot load on this platform */
    public static void require() {
        String reason = check();
        if (!AVAILABLE.equals(reason)) {
            throw new IllegalStateException("Helm charts cannot be rendered on this platform: " + reason);
        }
    }

    /**
     * {@code helm template}: the chart's manifests (hooks and tests are not part of them).
     *
     * @throws HelmFailure with Helm's message when Helm refuses the chart or the values
     */
    static String template(Path chart, String releaseName, String namespace, Path valuesFile) throws HelmFailure {
        require();
        String output;
        try {
            output = new Helm(chart).template()
                    .withName(releaseName)
                    .withNamespace(namespace)
                    .withValuesFile(valuesFile)
                    .call();
        } catch (IllegalStateException e) {
            throw new HelmFailure(e.getMessage());
        }
        if (output == null) {
            // seen when the library fails inside (for instance with an unknown HELM_DRIVER in the environment)
            throw new IllegalStateException("Helm returned neither manifests nor an error");
        }
        return output;
    }

    /**
     * {@code helm lint} with the chart's own values: each line of Helm's report (messages may span
     * several lines) and whether the lint failed.
     *
     * @throws HelmFailure with Helm's message when Helm cannot lint at all
     */
    static LintReport lint(Path chart) throws HelmFailure {
        require();
        try {
            LintResult result = new Helm(chart).lint().call();
            return new LintReport(List.copyOf(result.getMessages()), result.isFailed());
        } catch (IllegalStateException e) {
            throw new HelmFailure(e.getMessage());
        }
    }

    record LintReport(List<String> lines, boolean failed) {
    }

    /** Helm said no; the message is Helm's. */
    static final class HelmFailure extends Exception {
        private static final long serialVersionUID = 1L;

        HelmFailure(String message) {
            super(message == null ? "Helm failed without a message" : message);
        }
    }

    private static String check() {
        String current = state;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (state == null) {
                state = load();
            }
            return state;
        }
    }

    /** Loads the library with this module's class loader as context, so that helm-java finds it there. */
    private static String load() {
        ClassLoader own = HelmSupport.class.getClassLoader();
        if (NativeLibrary.serviceProviderLibrary(own) == null) {
            return "no helm-java native library for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " on the class path";
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(own);
        try {
            version = Helm.version().call().strip();
            return AVAILABLE;
        } catch (LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "the helm-java native library does not load (" + cause + ")";
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
