package io.berth.template.internal.helm.pool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a worker's stderr on a thread of its own, so that the worker never blocks on a full pipe,
 * and keeps the first {@value #KEPT} bytes written since the last {@link #mark()}: the first lines
 * are the ones that tell a Go fatal error ("fatal error: out of memory", followed by a long dump of
 * goroutines) or a Java OutOfMemoryError from a crash. The text is used to classify failures and
 * is never logged or shown whole, since a message of Helm could quote values.
 */
final class StderrHead {

    static final int KEPT = 16 * 1024;

    private final byte[] buffer = new byte[KEPT];
    private int kept;
    private Thread pump;

    static StderrHead drain(InputStream stderr, String name) {
        StderrHead head = new StderrHead();
        head.pump = new Thread(() -> head.pump(stderr), name);
        head.pump.setDaemon(true);
        head.pump.start();
        return head;
    }

    private void pump(InputStream stderr) {
        byte[] chunk = new byte[4096];
        try (stderr) {
            for (int n = stderr.read(chunk); n >= 0; n = stderr.read(chunk)) {
                keep(chunk, n);
            }
        } catch (IOException closed) {
            // the worker is gone
        }
    }

    private synchronized void keep(byte[] chunk, int length) {
        int taken = Math.min(length, KEPT - kept);
        System.arraycopy(chunk, 0, buffer, kept, taken);
        kept += taken;
    }

    /** Starts a new stretch: what came before is forgotten. */
    synchronized void mark() {
        kept = 0;
    }

    /** The first {@value #KEPT} bytes written since the mark, as text. */
    synchronized String sinceMark() {
        return new String(buffer, 0, kept, StandardCharsets.UTF_8);
    }

    /** Waits a little for the last bytes of a worker that has exited. */
    void awaitEnd(long millis) {
        try {
            pump.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
