package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.function.Function;

/** A watch over WebSocket, as fabric8's client makes them: one event per text message. */
final class WebSocketWatch extends WebSocketListener {

    private final Function<WatchSink, Watch> starter;
    private volatile Watch watch;

    WebSocketWatch(Function<WatchSink, Watch> starter) {
        this.starter = starter;
    }

    @Override
    public void onOpen(WebSocket socket, Response response) {
        watch = starter.apply(new WatchSink() {
            @Override
            public boolean send(String event) {
                return socket.send(event);
            }

            @Override
            public void end() {
                socket.close(1000, "");
            }
        });
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
        stop();
    }

    @Override
    public void onClosed(WebSocket socket, int code, String reason) {
        stop();
    }

    @Override
    public void onFailure(WebSocket socket, Throwable error, Response response) {
        stop();
    }

    private void stop() {
        Watch open = watch;
        if (open != null) {
            open.close();
        }
    }
}
