package io.berth.template.internal.helm.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API server on the worker's loopback that holds nothing, and the kubeconfig that
 * points Helm at it ({@code $HOME/.kube/config} of the worker's throw-away home).
 *
 * <p>Why it exists: helm-java's {@code template} runs Helm's install action with the dry-run option
 * {@code none}, which makes Helm build its template engine with a cluster connection, so
 * {@code lookup} asks whatever cluster the environment names. With no kubeconfig at all, client-go
 * falls back to {@code http://localhost:8080}, which in a pod may be Berth itself. Pointing Helm at
 * this server instead gives {@code lookup} the answer of an offline {@code helm template}: an empty
 * map. Discovery of any group-version answers with an empty resource list and every other request
 * with 404 NotFound, which Helm's {@code lookup} turns into an empty map.
 *
 * <p>It serves one connection at a time and closes each after one answer; a request head is read
 * up to 16 KB, with a read time-out, so no caller can hold it.
 */
final class NullCluster implements AutoCloseable {

    private static final int MAX_HEAD = 16 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 5000;
    private static final Pattern REQUEST_LINE = Pattern.compile("^([A-Z]+) ([^ ?]*)[^ ]* HTTP/1\\.[01]$");
    private static final Pattern GROUP_VERSION = Pattern.compile("^/(?:api/(v1)|apis/([a-z0-9.-]{1,253}/[a-z0-9]{1,63}))$");
    private static final String NOT_FOUND = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"the worker has no cluster\",\"reason\":\"NotFound\",\"code\":404}";

    private final ServerSocket server;
    private final Thread thread;

    private NullCluster(ServerSocket server) {
        this.server = server;
        this.thread = new Thread(this::serve, "null-cluster");
        this.thread.setDaemon(true);
    }

    static NullCluster start() throws IOException {
        NullCluster cluster = new NullCluster(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()));
        cluster.thread.start();
        return cluster;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Writes {@code <home>/.kube/config}, the place client-go looks when no KUBECONFIG is set. */
    void writeKubeconfig(Path home) throws IOException {
        Path config = home.resolve(".kube").resolve("config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: none
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: none
                  context:
                    cluster: none
                    user: none
                current-context: none
                users:
                - name: none
                  user: {}
                """.formatted(port()));
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                answer(readHead(socket.getInputStream()), socket.getOutputStream());
            } catch (SocketException closedOrReset) {
                // the server was closed, or the caller went away: nothing to answer
            } catch (IOException | RuntimeException e) {
                System.err.println("null cluster: " + e);
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD && matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void answer(String head, OutputStream out) throws IOException {
        String line = head.lines().findFirst().orElse("");
        Matcher request = REQUEST_LINE.matcher(line);
        Matcher groupVersion = request.matches() && request.group(1).equals("GET")
                ? GROUP_VERSION.matcher(request.group(2)) : null;
        if (groupVersion != null && groupVersion.matches()) {
            String version = groupVersion.group(1) != null ? groupVersion.group(1) : groupVersion.group(2);
            write(out, "200 OK", "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
                    + version + "\",\"resources\":[]}");
        } else {
            write(out, "404 Not Found", NOT_FOUND);
        }
    }

    private static void write(OutputStream out, String status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
