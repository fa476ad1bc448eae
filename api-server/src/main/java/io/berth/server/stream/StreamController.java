package io.berth.server.stream;

import io.berth.server.security.Caller;
import io.berth.server.timeline.TimelineFilter;
import io.berth.server.timeline.TimelineService;
import io.berth.server.tokens.StreamTicketService;
import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.FieldProblem;
import io.berth.server.web.ApiException;
import io.berth.server.web.ProblemType;
import io.berth.server.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live stream of the timeline, and the tickets a browser's EventSource opens it with. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Timeline")
class StreamController {

    private static final String STREAM_DESCRIPTION = """
            Server-Sent Events (`text/event-stream`): a `retry:` field at once (the reconnection delay, 3 s), then \
            each timeline event as it is committed, on any Berth instance (of the applications of the projects the \
            caller sees, and the clusters' own events), \
            as an event whose `id` is the event's id and whose `data` is the event as JSON (the same shape as the \
            timeline's items). Reconnect with `Last-Event-ID` (or `lastEventId`) to be sent what you missed first, \
            from the database, so nothing is lost across reconnects, restarts or instances; an instance that stops \
            ends its streams first, so reconnect whenever a stream ends. Idle streams get a \
            comment line every 15 s. A reader that falls too far behind gets a `resync` event and the stream ends: \
            reload what you show, then subscribe again without `Last-Event-ID`. Authenticate with \
            `Authorization: Bearer` (fetch-based clients) or, for a browser's EventSource, with a `ticket` from \
            `POST /api/v1/stream/tickets`. A stream lasts at most 30 minutes; then reconnect.""";

    private final TimelineService timeline;
    private final StreamHub hub;
    private final StreamTicketService tickets;
    private final StreamSettings settings;

    StreamController(TimelineService timeline, StreamHub hub, StreamTicketService tickets, StreamSettings settings) {
        this.timeline = timeline;
        this.hub = hub;
        this.tickets = tickets;
        this.settings = settings;
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "streamTimeline", summary = "Follow the timeline live (Server-Sent Events)",
            description = STREAM_DESCRIPTION,
            parameters = @Parameter(name = "ticket", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "A stream ticket, for clients that cannot send headers (EventSource)"),
            responses = @ApiResponse(responseCode = "200", description = "The stream",
                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string"))))
    @ApiErrorResponses(value = 422, problems = ProblemType.TOO_MANY_STREAMS)
    SseEmitter stream(
            @Parameter(description = "Only this application's events, and those of the clusters it runs on")
            @RequestParam(required = false) String application,
            @Parameter(description = "Only events on this cluster") @RequestParam(required = false) String cluster,
            @Parameter(description = "Only events of these types (repeat, or separate with commas)")
            @RequestParam(required = false) List<String> type,
            @Parameter(description = "The id of the last event received: what came after it is sent first")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            @Parameter(description = "As the Last-Event-ID header, for a new EventSource (which cannot set it)")
            @RequestParam(required = false) String lastEventId, @AuthenticationPrincipal Caller caller) {
        return open(timeline.filter(application, false, cluster, type).visibleIn(caller.visibleProjects()),
                lastEventIdHeader, lastEventId);
    }

    @GetMapping(path = "/applications/{name}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "streamApplicationTimeline", summary = "Follow an application's timeline live (Server-Sent Events)",
            description = "The application's events and those of the clusters it runs on. " + STREAM_DESCRIPTION,
            parameters = @Parameter(name = "ticket", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "A stream ticket, for clients that cannot send headers (EventSource)"),
            responses = @ApiResponse(responseCode = "200", description = "The stream",
                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string"))))
    @ApiErrorResponses(value = 422, problems = ProblemType.TOO_MANY_STREAMS)
    SseEmitter streamApplication(
            @PathVariable String name,
            @Parameter(description = "Only events on this cluster") @RequestParam(required = false) String cluster,
            @Parameter(description = "Only events of these types (repeat, or separate with commas)")
            @RequestParam(required = false) List<String> type,
            @Parameter(description = "The id of the last event received: what came after it is sent first")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            @Parameter(description = "As the Last-Event-ID header, for a new EventSource (which cannot set it)")
            @RequestParam(required = false) String lastEventId, @AuthenticationPrincipal Caller caller) {
        return open(timeline.filter(name, true, cluster, type).visibleIn(caller.visibleProjects()), lastEventIdHeader,
                lastEventId);
    }

    @PostMapping("/stream/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "createStreamTicket", summary = "Get a ticket to open a stream without headers",
            description = "A browser's EventSource cannot send `Authorization`; open the stream with "
                    + "`?ticket=...` instead. A ticket stands for the calling token (same role), works once, within "
                    + "30 seconds, on the stream paths only: long-lived tokens never travel in a URL. Ask for a new "
                    + "ticket for each (re)connection.")
    StreamTicketService.IssuedTicket ticket(@AuthenticationPrincipal Caller caller) {
        return tickets.issue(caller, settings.ticketLifetime());
    }

    private SseEmitter open(TimelineFilter filter, String lastEventIdHeader, String lastEventIdParameter) {
        Long resumeAfter = lastEventId(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParameter,
                lastEventIdHeader != null ? "Last-Event-ID" : "lastEventId");
        SseEmitter emitter = new SseEmitter(settings.maxDuration().toMillis());
        Subscriber subscriber = hub.subscribe(filter, new SseEventSink(emitter, settings.reconnectDelay()), resumeAfter);
        if (subscriber == null) {
            throw new TooManyStreamsException();
        }
        emitter.onCompletion(subscriber::close);
        emitter.onTimeout(subscriber::close);
        emitter.onError(error -> subscriber.close());
        return emitter;
    }

    private static Long lastEventId(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // the problem below
        }
        throw new ApiException(ProblemType.VALIDATION_FAILED, "The last event id is not one this API sent",
                List.of(new FieldProblem(field, "an event id as sent in the stream's id: lines")));
    }

    /** This instance takes no more streams now. */
    static final class TooManyStreamsException extends RuntimeException {

        TooManyStreamsException() {
            super("This Berth instance has as many streams open as it takes; try again later", null, false, false);
        }
    }

    @ExceptionHandler(TooManyStreamsException.class)
    ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(ProblemType.TOO_MANY_STREAMS, e.getMessage(), request));
    }
}
