package io.berth.kubesim.server;

/** Where an open watch writes its events: an HTTP response that streams, or a WebSocket. */
interface WatchSink {

    /** Sends one event (a JSON object); false when the sink cannot take more and the watch should end. */
    boolean send(String event);

    /** Ends the stream, as a server ends a watch whose timeout passed. */
    void end();
}
