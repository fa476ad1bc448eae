package io.berth.template.internal.helm.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * How much memory a process holds, from Linux's {@code /proc/<pid>/status}: {@code RssAnon}, the
 * resident memory it allocated itself (Java heap, Go heap, stacks, malloc), which leaves out the
 * pages of Helm's library and the JDK's files that every worker shares with the page cache; on
 * kernels before 4.5, which lack it, {@code VmRSS}.
 */
final class ResidentMemory {

    private static final Path PROC = Path.of("/proc");

    private ResidentMemory() {
    }

    /** Whether this system can tell (Linux); elsewhere only the kernel limit and the time limit hold. */
    static boolean measurable() {
        return Files.isReadable(PROC.resolve("self").resolve("status"));
    }

    /** Bytes held by the process, or empty when it is gone or this system cannot tell. */
    static OptionalLong of(long pid) {
        List<String> lines;
        try {
            lines = Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"));
        } catch (IOException | RuntimeException gone) {
            return OptionalLong.empty();
        }
        OptionalLong anonymous = field(lines, "RssAnon:");
        return anonymous.isPresent() ? anonymous : field(lines, "VmRSS:");
    }

    private static OptionalLong field(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
