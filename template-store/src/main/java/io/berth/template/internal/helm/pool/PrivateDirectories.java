package io.berth.template.internal.helm.pool;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary directories that only Berth's user can enter, named after the Berth process that made
 * them ({@code <prefix><pid>-<random>}), and their removal. A Berth that was killed cannot delete
 * its directories (Helm's library alone is 90 MB); the next one removes those whose process is gone.
 */
public final class PrivateDirectories {

    private static final Logger log = LoggerFactory.getLogger(PrivateDirectories.class);

    private PrivateDirectories() {
    }

    /** A new directory under the JVM's temporary directory, mode 0700 where the file system has modes. */
    static Path create(String prefix) throws IOException {
        String named = prefix + ProcessHandle.current().pid() + "-";
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(named, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory(named);
    }

    /**
     * Deletes the directories with this prefix that a process which is no longer running made, if
     * they belong to the same user as {@code own} (a directory this process just made).
     */
    static void removeOrphans(String prefix, Path own) {
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\d+)-.*");
        try (Stream<Path> entries = Files.list(own.getParent())) {
            UserPrincipal user = Files.getOwner(own);
            for (Path entry : entries.toList()) {
                Matcher matcher = name.matcher(entry.getFileName().toString());
                if (matcher.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && user.equals(Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS))
                        && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty()) {
                    log.info("Deleting {}, left behind by a Berth process that is gone", entry);
                    delete(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not look for directories left behind by earlier Berth processes: {}", e.toString());
        }
    }

    /** Deletes the directory and all below it; what cannot be deleted now is left to the JVM's exit. */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            root.toFile().deleteOnExit();
            return;
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                path.toFile().deleteOnExit();
            }
        }
    }
}
