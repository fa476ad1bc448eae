package io.berth.kubesim.server;

import io.vertx.core.http.HttpServerResponse;

/** A watch's events written to a streaming HTTP response, one JSON object per line. */
final class HttpWatchStream implements WatchSink {

    /** How much unsent output a watch may pile up before it is cut off as a client that does not read. */
    static final int MAX_PENDING_BYTES = 16 * 1024 * 1024;

    private final HttpServerResponse response;

    HttpWatchStream(HttpServerResponse response) {
        this.response = response;
        response.setWriteQueueMaxSize(MAX_PENDING_BYTES);
    }

    @Override
    public boolean send(String event) {
        if (response.ended() || response.closed()) {
            return false;
        }
        response.write(event + "\n");
        return !response.writeQueueFull();
    }

    @Override
    public void end() {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }
}
