package io.berth.server.timeline;

import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.berth.server.web.ListResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import io.berth.server.security.Caller;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The timeline of everything, and of one application. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Timeline", description = "What happened to applications and clusters, newest first, and the live stream of it")
class TimelineController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final TimelineService timeline;

    TimelineController(TimelineService timeline) {
        this.timeline = timeline;
    }

    @GetMapping("/timeline")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listTimeline", summary = "List timeline events, newest first",
            description = "Operations requested, started and ended with their steps' attempts, revisions, scale, health, "
                    + "sync and drift transitions of each target, and clusters lost and regained, in the order they were "
                    + "committed: of the applications of the projects the caller sees, and the clusters' own events. Filter by application (which also brings the events of the clusters it runs on), cluster "
                    + "and type; page with `cursor`. An event's `id` is what the stream sends as its event id.")
    @ApiErrorResponses({422})
    ListResponse<TimelineEvent> list(
            @Parameter(description = "Only this application's events, and those of the clusters it runs on")
            @RequestParam(required = false) String application,
            @Parameter(description = "Only events on this cluster") @RequestParam(required = false) String cluster,
            @Parameter(description = "Only events of these types (repeat, or separate with commas)")
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal Caller caller) {
        return page(timeline.filter(application, false, cluster, type).visibleIn(caller.visibleProjects()), limit, cursor);
    }

    @GetMapping("/applications/{name}/timeline")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listApplicationTimeline", summary = "List an application's timeline, newest first",
            description = "The application's events and those of the clusters it runs on (lost, regained), newest "
                    + "first; 404 when there is no such application (the global timeline still shows a purged one's past).")
    @ApiErrorResponses({422})
    ListResponse<TimelineEvent> listForApplication(
            @PathVariable String name,
            @Parameter(description = "Only events on this cluster") @RequestParam(required = false) String cluster,
            @Parameter(description = "Only events of these types (repeat, or separate with commas)")
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal Caller caller) {
        return page(timeline.filter(name, true, cluster, type).visibleIn(caller.visibleProjects()), limit, cursor);
    }

    private ListResponse<TimelineEvent> page(TimelineFilter filter, Integer limit, String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Long before = Cursors.decodeNumber(cursor);
        return ListResponse.ofOneMore(timeline.page(filter, before, size + 1), size, e -> String.valueOf(e.id()));
    }
}
