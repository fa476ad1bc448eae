package io.berth.server.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A Server-Sent Events reader for the tests, as a portal's fetch-based client reads a stream: it parses
 * {@code id:}, {@code event:}, {@code data:} and comment lines into events as they arrive.
 */
public final class EventStream implements AutoCloseable {

    /**
     * One event as received; {@code comment} is set for comment lines (keep-alives) and {@code retry} for a
     * {@code retry:} line (the reconnection delay in milliseconds), the rest null then.
     */
    public record Event(String id, String name, String data, String comment, String retry) {

        public JsonNode json() {
            return Api.JSON.readTree(data);
        }
    }

    private static final Event END = new Event(null, null, null, null, null);

    private final BlockingQueue<Event> received = new LinkedBlockingQueue<>();
    // every line as read, so a failing wait can say what came before the stream ended
    private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;
    private volatile boolean ended;
    private volatile String endedBy;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "test-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream (headers as name, value pairs); the answer's status says whether it opened. */
    public static EventStream open(int port, String path, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new EventStream(HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the stream has ended (Berth ended it, or it was closed). */
    public boolean ended() {
        return ended;
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next event (or comment) within the time, or null. */
    public Event next(Duration within) throws InterruptedException {
        Event event = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        return event == END ? null : event;
    }

    /** Events (not comments nor retry lines) until one matches, failing when none does within the time. */
    public List<Event> until(Predicate<Event> last, Duration within) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == null) {
                break;
            }
            if (event.comment() == null && event.retry() == null) {
                events.add(event);
                if (last.test(event)) {
                    return events;
                }
            }
        }
        throw new AssertionError("no matching event within " + within + "; received " + events
                + (ended ? "; the stream had ended" + (endedBy == null ? "" : " by " + endedBy) : "") + "; lines read: " + lines);
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                this.lines.add(line);
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(id, name, data.toString(), null, null));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Event(null, null, null, line.substring(1).trim(), null));
                } else if (line.startsWith("retry:")) {
                    received.add(new Event(null, null, null, null, line.substring(6).trim()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String part = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
                }
            }
        } catch (RuntimeException closed) {
            // the stream was closed by the test or by Berth (kept for the message of a failing wait)
            endedBy = closed.toString();
        } finally {
            ended = true;
            received.add(END);
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        response.body().close();
    }
}
