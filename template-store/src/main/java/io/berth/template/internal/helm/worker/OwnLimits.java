package io.berth.template.internal.helm.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/**
 * The limits a worker puts on itself once Helm is loaded, before it serves anything (Linux only):
 *
 * <ul>
 * <li>RLIMIT_AS at the address space it has then plus the headroom Berth gives. The JVM and Go
 * reserve several gigabytes of address space at start that they never touch, so a limit set before
 * the start would have to guess; measured after it, the limit bounds what the process can still
 * map: Go reserves its heap as it grows, so a template that allocates past it makes Go stop with
 * "fatal error: out of memory" at once, between two looks of Berth's watchdog. (RLIMIT_DATA would
 * not do: Go and the JVM commit memory over reservations they already hold, which it does not see.)</li>
 * <li>RLIMIT_CORE at zero: a worker that dies leaves no core dump.</li>
 * <li>{@code oom_score_adj} at 1000: when the machine or the container runs out of memory anyway,
 * the kernel kills a worker before Berth.</li>
 * </ul>
 */
final class OwnLimits {

    private static final int RLIMIT_CORE = 4;
    private static final int RLIMIT_AS = 9;

    private OwnLimits() {
    }

    /** Applies the limits; returns what could not be applied (empty when all were). */
    static List<String> apply(long headroomBytes) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return List.of("no limits of its own outside Linux");
        }
        List<String> missed = new java.util.ArrayList<>();
        try {
            LibC libc = Native.load("c", LibC.class);
            long addressSpace = addressSpace();
            if (libc.setrlimit(RLIMIT_CORE, new Rlimit(0)) != 0) {
                missed.add("RLIMIT_CORE (errno " + Native.getLastError() + ")");
            }
            if (libc.setrlimit(RLIMIT_AS, new Rlimit(addressSpace + headroomBytes)) != 0) {
                missed.add("RLIMIT_AS (errno " + Native.getLastError() + ")");
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            missed.add("rlimits (" + e + ")");
        }
        try {
            Files.writeString(Path.of("/proc/self/oom_score_adj"), "1000");
        } catch (IOException e) {
            missed.add("oom_score_adj (" + e.getMessage() + ")");
        }
        return missed;
    }

    /** VmSize of this process, in bytes. */
    private static long addressSpace() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmSize:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmSize in /proc/self/status");
    }

    /** The C library's setrlimit, the only function used. */
    interface LibC extends Library {
        int setrlimit(int resource, Rlimit limit);
    }

    /** {@code struct rlimit}: soft and hard limit, set to the same value (the worker can only lower them). */
    @Structure.FieldOrder({"current", "maximum"})
    public static final class Rlimit extends Structure {
        public long current;
        public long maximum;

        public Rlimit() {
        }

        Rlimit(long limit) {
            this.current = limit;
            this.maximum = limit;
        }
    }
}
