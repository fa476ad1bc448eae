package io.berth.template.internal.helm.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The worker's own directory: its working directory, which Berth made for it (home, temporary
 * files). Berth deletes it when it stops a worker; when Berth is gone instead (stdin ended, or the
 * parent process died), nobody else will, so the worker deletes it on its way out.
 */
final class OwnDirectory {

    private OwnDirectory() {
    }

    static void remove() {
        Path own = Path.of("").toAbsolutePath();
        if (own.getFileName() == null || !own.getFileName().toString().startsWith(HelmWorkerMain.DIRECTORY_PREFIX)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(own)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return;
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // what is left, Berth's next start removes
            }
        }
    }
}
