package io.berth.server.bench.suite;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP port that accepts connections and then never says a word: a caller's TLS handshake waits until
 * its own time-out, as with an API server behind a network that stopped delivering its answers. kube-sim's
 * {@code unreachable()} fault refuses connections instead (answered at once); this stands in for the
 * silent kind of unreachable on the loopback port that the simulated cluster's gate gave up.
 */
final class SilentListener implements AutoCloseable {

    private final ServerSocket socket;
    private final Set<Socket> held = ConcurrentHashMap.newKeySet();

    private SilentListener(ServerSocket socket) {
        this.socket = socket;
    }

    /** Listens on the loopback port given (free: the simulated cluster's gate must be shut first). */
    static SilentListener on(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        SilentListener listener = new SilentListener(socket);
        Thread acceptor = new Thread(listener::acceptForever, "bench-silent-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                held.add(socket.accept()); // kept open, never read from or written to
            } catch (IOException closed) {
                // the listener was closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : held) {
            connection.close();
        }
        held.clear();
    }
}
