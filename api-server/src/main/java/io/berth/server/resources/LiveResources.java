package io.berth.server.resources;

import io.berth.engine.ObjectRef;
import io.berth.engine.tree.EventNode;
import io.berth.engine.tree.EventReader;
import io.berth.engine.tree.ObjectNode;
import io.berth.engine.tree.ResourceTreeReader;
import io.berth.server.resources.ApplicationResources.TargetResources;
import io.berth.server.resources.EventPage.EventView;
import io.berth.server.resources.EventPage.TargetError;
import io.berth.server.web.ListResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** An application's resource tree and events, read live from the clusters of its targets. */
@Service
class LiveResources {

    private final DeployedTargets deployed;
    private final ClusterFanOut fanOut;
    private final Clock clock;
    private final ResourceTreeReader trees = new ResourceTreeReader();
    private final EventReader events = new EventReader();
    // what features created beside the revision's objects (the operators' backup resources), shown with them
    private final List<TargetCompanions> companions;

    LiveResources(DeployedTargets deployed, ClusterFanOut fanOut, Clock clock, List<TargetCompanions> companions) {
        this.deployed = deployed;
        this.companions = List.copyOf(companions);
        this.fanOut = fanOut;
        this.clock = clock;
    }

    /** @param cluster only the targets on this cluster; {@code null} for all */
    ApplicationResources resources(String application, String cluster) {
        List<ClusterFanOut.Outcome<List<ObjectNode>>> read = fanOut.read(targets(application, cluster),
                (client, target) -> trees.read(client, target.objects(), target.rules()));
        Instant readAt = clock.instant();
        return new ApplicationResources(application, readAt, read.stream().map(o -> TargetResources.of(o, readAt)).toList());
    }

    /**
     * A page of the events about the application's objects, their pods and claims, newest first.
     *
     * @param after the key of the previous page's last event; {@code null} for the first page
     */
    EventPage events(String application, String cluster, int limit, EventKey after) {
        List<ClusterFanOut.Outcome<List<EventNode>>> read = fanOut.read(targets(application, cluster),
                (client, target) -> events.read(client, target.namespace(), trees.read(client, target.objects(), target.rules())));
        List<EventView> newestFirst = read.stream().filter(o -> o.error() == null)
                .flatMap(o -> o.value().stream().map(e -> EventView.of(o.target(), e)))
                .filter(e -> after == null || after.isBefore(e))
                .sorted(Comparator.comparing(EventKey::of, EventKey.ORDER))
                .limit(limit + 1L).toList();
        ListResponse<EventView> page = ListResponse.ofOneMore(newestFirst, limit, e -> EventKey.of(e).text());
        List<TargetError> errors = read.stream().filter(o -> o.error() != null)
                .map(o -> new TargetError(o.target().cluster(), o.target().namespace(), o.error())).toList();
        return new EventPage(page.items(), page.nextCursor(), errors);
    }

    private List<DeployedTarget> targets(String application, String cluster) {
        return deployed.of(application).stream().filter(t -> cluster == null || t.cluster().equals(cluster))
                .map(t -> withCompanions(application, t)).toList();
    }

    private DeployedTarget withCompanions(String application, DeployedTarget target) {
        Set<ObjectRef> objects = new LinkedHashSet<>(target.objects());
        companions.forEach(c -> objects.addAll(c.of(application, target.cluster(), target.namespace())));
        return objects.size() == target.objects().size() ? target
                : new DeployedTarget(target.cluster(), target.namespace(), target.revisionApplied(), List.copyOf(objects),
                        target.rules());
    }
}
