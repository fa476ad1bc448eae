package io.berth.server.stream;

import io.berth.server.timeline.TimelineEvent;
import java.io.IOException;

/** Where one subscriber's events go: an SSE response in Berth, a recording in tests. Calls may block. */
interface EventSink {

    /**
     * The first thing written: it sends the response's headers at once (a client knows the stream is open
     * before any event comes) and tells the client how long to wait before reconnecting.
     */
    void open() throws IOException;

    void send(TimelineEvent event) throws IOException;

    void keepAlive() throws IOException;

    /**
     * Tells the reader it missed events it will not be given: it reloads what it shows from the API,
     * then subscribes again without Last-Event-ID. The stream ends after this.
     */
    void resync(String reason) throws IOException;

    void close();
}
