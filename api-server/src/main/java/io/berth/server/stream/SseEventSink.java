package io.berth.server.stream;

import io.berth.server.timeline.TimelineEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A subscriber's events as Server-Sent Events: a {@code retry:} field first, then each timeline event as a
 * default ({@code message}) event whose id is the event's id and whose data is the event as JSON;
 * keep-alives as comment lines; a {@code resync} event before the stream ends for a reader that fell
 * behind.
 */
final class SseEventSink implements EventSink {

    static final String RESYNC = "resync";

    private final SseEmitter emitter;
    private final Duration reconnectDelay;

    SseEventSink(SseEmitter emitter, Duration reconnectDelay) {
        this.emitter = emitter;
        this.reconnectDelay = reconnectDelay;
    }

    @Override
    public void open() throws IOException {
        emitter.send(SseEmitter.event().reconnectTime(reconnectDelay.toMillis()));
    }

    @Override
    public void send(TimelineEvent event) throws IOException {
        emitter.send(SseEmitter.event().id(String.valueOf(event.id())).data(event, MediaType.APPLICATION_JSON));
    }

    @Override
    public void keepAlive() throws IOException {
        emitter.send(SseEmitter.event().comment("keep-alive"));
    }

    @Override
    public void resync(String reason) throws IOException {
        emitter.send(SseEmitter.event().name(RESYNC).data(Map.of("reason", reason), MediaType.APPLICATION_JSON));
    }

    @Override
    public void close() {
        emitter.complete();
    }
}
