package io.berth.template.internal.helm;

import io.berth.template.internal.helm.pool.PrivateDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A temporary directory of its own for one Helm call: the checked chart unpacked under
 * {@code chart/<directory>/}, and the values file beside it. Closing deletes all of it. Two
 * workspaces never share a directory, so concurrent renders cannot see each other's files.
 */
public final class ChartWorkspace implements AutoCloseable {

    private final Path root;
    private final Path chart;

    private ChartWorkspace(Path root, Path chart) {
        this.root = root;
        this.chart = chart;
    }

    /** Unpacks a chart that {@link ChartArchive} has checked. */
    public static ChartWorkspace unpack(ChartArchive archive) {
        Path root;
        try {
            root = Files.createTempDirectory("berth-helm-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for a Helm chart", e);
        }
        ChartWorkspace workspace = new ChartWorkspace(root, root.resolve("chart").resolve(archive.directory()));
        try {
            Files.createDirectories(workspace.chart);
            for (Map.Entry<String, byte[]> file : archive.files().entrySet()) {
                workspace.write(workspace.chart, file.getKey(), file.getValue());
            }
            return workspace;
        } catch (IOException | RuntimeException e) {
            workspace.close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot unpack a Helm chart", io)
                    : (RuntimeException) e;
        }
    }

    /** The workspace's own temporary directory. */
    public Path root() {
        return root;
    }

    /** The chart's directory, to hand to Helm. */
    public Path chartDirectory() {
        return chart;
    }

    /** Writes the values file (JSON, which every YAML reader reads as written) and returns its path. */
    public Path writeValues(String json) {
        try {
            return write(root, "values.json", json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the values of a Helm render", e);
        }
    }

    private Path write(Path base, String relative, byte[] content) throws IOException {
        Path target = base.resolve(relative).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw new IllegalArgumentException("path outside the workspace: " + relative);
        }
        Files.createDirectories(target.getParent());
        Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return target;
    }

    /** Deletes the workspace; what cannot be deleted now is deleted when the JVM exits. */
    @Override
    public void close() {
        PrivateDirectories.delete(root);
    }
}
