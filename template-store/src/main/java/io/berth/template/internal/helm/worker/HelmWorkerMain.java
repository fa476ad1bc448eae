package io.berth.template.internal.helm.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.jni.HelmLib;
import com.sun.jna.Native;

/**
 * The Helm worker: a process of its own that Berth starts, with helm-java, JNA and this module on
 * its class path, so that Helm's Go library is loaded here and never in Berth's JVM.
 *
 * <p>Arguments: the path of Helm's native library (extracted once by Berth), the time limit of one
 * call in milliseconds, and the address space the worker may still take once Helm is loaded, in
 * bytes. On start the worker refuses an environment that names a cluster, points Helm at the
 * {@link NullCluster}, loads the library, puts {@link OwnLimits} on itself and answers
 * {@code ["ready", <helm version>]}.
 * Then it serves one request after another from stdin ({@link HelmCalls}) until stdin ends, which
 * only happens when Berth is gone (Berth kills the workers it stops). Berth enforces the limits and
 * kills the worker when one is passed; the {@link WorkerWatchdog} only covers the case where Berth
 * itself has gone, and the worker then deletes its own directory ({@link OwnDirectory}).
 *
 * <p>Only the JDK, helm-java, JNA and this package may be used here (an architecture test holds it):
 * nothing else of Berth is on the worker's class path.
 */
public final class HelmWorkerMain {

    /** How Berth names a worker's directory; the worker deletes its own only when the name says so. */
    public static final String DIRECTORY_PREFIX = "berth-helm-worker-";

    /** Requests are small: paths, names and an operation. */
    private static final long MAX_REQUEST = 64 * 1024;

    private HelmWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: HelmWorkerMain <helm library> <time limit in milliseconds>"
                    + " <address space headroom in bytes>");
            System.exit(2);
        }
        // stdout carries the protocol; anything printed by Java code goes to stderr instead
        OutputStream answers = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(System.err);
        InputStream requests = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
        WorkerWatchdog watchdog = WorkerWatchdog.start(Long.parseLong(args[1]));

        String refused = clusterPointer(System.getenv());
        if (refused != null) {
            WorkerWire.write(answers, List.of(HelmCalls.WORKER_ERROR, "the worker's environment names a cluster: " + refused));
            System.exit(3);
        }
        String home = System.getenv("HOME");
        if (home == null || home.isBlank()) {
            WorkerWire.write(answers, List.of(HelmCalls.WORKER_ERROR, "the worker has no HOME"));
            System.exit(3);
        }
        try (NullCluster cluster = NullCluster.start()) {
            cluster.writeKubeconfig(Path.of(home));
            HelmCalls helm = new HelmCalls(Native.load(args[0], HelmLib.class));
            String version = helm.version();
            OwnLimits.apply(Long.parseLong(args[2])).forEach(missed -> System.err.println("not applied: " + missed));
            WorkerWire.write(answers, List.of(HelmCalls.READY, version));
            serve(requests, answers, helm, watchdog);
        }
        // stdin ended: Berth is gone (it kills the workers it stops), so nobody else deletes this directory
        OwnDirectory.remove();
        System.exit(0);
    }

    /**
     * The first variable that could point Helm at a cluster (KUBECONFIG, KUBERNETES_SERVICE_HOST,
     * HELM_KUBEAPISERVER, ...), or {@code null}. Berth never passes one on; this is a second line.
     */
    static String clusterPointer(Map<String, String> environment) {
        return environment.keySet().stream()
                .filter(name -> name.startsWith("KUBE") || name.startsWith("HELM_KUBE"))
                .sorted().findFirst().orElse(null);
    }

    private static void serve(InputStream requests, OutputStream answers, HelmCalls helm, WorkerWatchdog watchdog)
            throws Exception {
        while (true) {
            List<String> request;
            try {
                request = WorkerWire.read(requests, MAX_REQUEST);
            } catch (EOFException end) {
                return;
            }
            watchdog.jobStarted();
            List<String> answer = helm.call(request);
            watchdog.jobEnded();
            WorkerWire.write(answers, answer);
        }
    }
}
