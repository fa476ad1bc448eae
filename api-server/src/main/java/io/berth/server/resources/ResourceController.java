package io.berth.server.resources;

import io.berth.server.web.ApiErrorResponses;
import io.berth.server.web.Cursors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What an application's targets run, read live from their clusters. Viewers read. */
@RestController
@RequestMapping("/api/v1/applications/{name}")
@Tag(name = "Application resources", description = "What an application's targets run and what happened to it, read live "
        + "from their clusters")
class ResourceController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final String CLUSTER = "Only the targets on this cluster";

    private final LiveResources live;

    ResourceController(LiveResources live) {
        this.live = live;
    }

    @GetMapping("/resources")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "getApplicationResources",
            summary = "The resource tree of each target, read live: every object Berth applied with its health, pods and claims",
            description = "Per target (cluster and namespace): each object Berth applied, in apply order, with its health as"
                    + " Berth judges it everywhere else (Missing when it is gone; none for kinds such as Services) and why it"
                    + " is not Healthy; a StatefulSet's pods (ordinal, phase, readiness, restarts, node, why not ready, age,"
                    + " controller revision) and PersistentVolumeClaims (ordinal, phase, capacity, storage class, and"
                    + " retained: true for the claims a scale-down or a deleted StatefulSet left behind, which Berth keeps and"
                    + " never calls drift); a Deployment's pods; a custom resource's status summary (phase, size asked and"
                    + " running, ready and unready members) and the pods it owns. Clusters are read in parallel, each under a"
                    + " deadline (berth.resources.deadline): a target whose cluster cannot be read has an error instead of"
                    + " objects, and the others are answered all the same.")
    @ApiErrorResponses({404})
    ApplicationResources resources(@PathVariable String name,
                                   @Parameter(description = CLUSTER) @RequestParam(required = false) String cluster) {
        return live.resources(name, cluster);
    }

    @GetMapping("/events")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(operationId = "listApplicationEvents",
            summary = "The Kubernetes events about an application's objects, their pods and claims, newest first",
            description = "Read live from each target's namespace: the core/v1 Events whose involved object is one of the"
                    + " objects Berth applied there, one of their pods or one of their claims, ordered by their last time,"
                    + " newest first. Each page is read anew; the cursor continues after the previous page's last event."
                    + " Targets whose cluster could not be read are listed in targetErrors, and their events are missing.")
    @ApiErrorResponses({404, 422})
    EventPage events(@PathVariable String name,
                     @Parameter(description = CLUSTER) @RequestParam(required = false) String cluster,
                     @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
                     @Parameter(description = "The nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return live.events(name, cluster, size, EventKey.fromCursor(cursor));
    }
}
