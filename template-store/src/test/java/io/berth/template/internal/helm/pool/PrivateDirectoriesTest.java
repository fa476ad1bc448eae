package io.berth.template.internal.helm.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed Berth left behind is removed by the next one; nothing of a running one, nothing else. */
class PrivateDirectoriesTest {

    @Test
    void directoriesOfAProcessThatIsGoneAreRemoved(@TempDir Path tmp) throws Exception {
        long gone = pidOfAProcessThatEnded();
        long running = ProcessHandle.current().pid();
        Path own = Files.createDirectory(tmp.resolve("berth-helm-runtime-" + running + "-1"));
        Path orphan = Files.createDirectories(tmp.resolve("berth-helm-worker-" + gone + "-2").resolve("home"));
        Path alive = Files.createDirectory(tmp.resolve("berth-helm-worker-" + running + "-3"));
        Path other = Files.createDirectory(tmp.resolve("other-" + gone + "-4"));
        Path file = Files.writeString(tmp.resolve("berth-helm-worker-" + gone + "-5"), "not a directory");

        PrivateDirectories.removeOrphans("berth-helm-worker-", own);

        assertThat(orphan.getParent()).doesNotExist();
        assertThat(own).exists();
        assertThat(alive).exists();
        assertThat(other).exists();
        assertThat(file).exists();
    }

    @Test
    void aNewDirectoryIsNamedAfterThisProcessAndPrivate() throws IOException {
        Path created = PrivateDirectories.create("berth-helm-test-");
        try {
            assertThat(created.getFileName().toString()).startsWith("berth-helm-test-" + ProcessHandle.current().pid() + "-");
            assertThat(Files.getPosixFilePermissions(created)).extracting(Enum::name)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "OWNER_EXECUTE");
        } finally {
            PrivateDirectories.delete(created);
        }
        assertThat(created).doesNotExist();
    }

    private static long pidOfAProcessThatEnded() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
