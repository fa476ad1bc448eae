package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.function.Function;

/**
 * An answer whose body is a stream that stays open (an HTTP watch). The {@link ApiServer} sends the
 * head, hands the stream over as a {@link WatchSink}, and closes what {@link #open} returned when the
 * client hangs up.
 */
final class StreamingResponse extends MockResponse {

    private final Function<WatchSink, AutoCloseable> opener;

    StreamingResponse(Function<WatchSink, AutoCloseable> opener) {
        this.opener = opener;
        setResponseCode(200);
        setHeader("Content-Type", "application/json");
    }

    AutoCloseable open(WatchSink sink) {
        return opener.apply(sink);
    }
}
