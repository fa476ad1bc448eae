package io.berth.template.internal.helm.pool;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Temporary directories that only Berth's user can enter, and their removal. */
final class PrivateDirectories {

    private PrivateDirectories() {
    }

    /** A new directory under the JVM's temporary directory, mode 0700 where the file system has modes. */
    static Path create(String prefix) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory(prefix);
    }

    /** Deletes the directory and all below it; what cannot be deleted now is left to the JVM's exit. */
    static void delete(Path root) {
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
