package io.berth.kubesim.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a simulated API server, on a port of its own. Closing the gate refuses new
 * connections and cuts the open ones, as when a cluster drops off the network; opening it listens on
 * the same port again. The server behind it keeps running, so the cluster's state survives. TLS
 * passes through untouched.
 */
public final class TcpGate implements AutoCloseable {

    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile Thread acceptor;
    private volatile int port;

    public TcpGate(int targetPort) {
        this.targetPort = targetPort;
    }

    /** Starts listening: on a free port the first time, on the same port afterwards. */
    public synchronized void open() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = socket.getLocalPort();
            listener = socket;
            acceptor = daemon("kube-sim-gate-" + port, () -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on port " + port, e);
        }
    }

    /** Refuses new connections and cuts the open ones. */
    public synchronized void shut() {
        ServerSocket socket = listener;
        listener = null;
        closeQuietly(socket);
        open.forEach(TcpGate::closeQuietly);
        open.clear();
        awaitAcceptorGone();
    }

    public boolean isOpen() {
        return listener != null;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        shut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                daemon("kube-sim-pump", () -> pump(client, server));
                daemon("kube-sim-pump", () -> pump(server, client));
            } catch (IOException e) {
                // the gate was shut, or the server behind it refused: nothing to relay
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // connection closed on one side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /**
     * The port is free only once the thread blocked in accept() has left it: until then the kernel
     * keeps the listening socket, and opening again at once would fail with "address already in use".
     */
    private void awaitAcceptorGone() {
        Thread thread = acceptor;
        acceptor = null;
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
