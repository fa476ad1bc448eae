package io.berth.engine.watch;

import io.berth.engine.ObjectRef;
import io.berth.engine.health.CustomHealthRule;
import io.berth.engine.health.HealthJudge;
import io.berth.engine.health.LiveObject;
import io.berth.engine.health.LiveReader;
import io.berth.engine.health.Observation;
import io.berth.engine.health.PodSelection;
import io.berth.engine.health.ReplicaCount;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges applied objects from a {@link ClusterWatch}'s caches, with the same judge as a live read
 * ({@link io.berth.engine.health.LiveReader}): no call to the cluster.
 */
public final class CachedReader {

    private final ClusterWatch watch;

    public CachedReader(ClusterWatch watch) {
        this.watch = watch;
    }

    /**
     * How the object is doing, or empty while its kind is not listed yet (nothing can be said; a
     * missing object is only called Missing once the whole kind is known).
     */
    public Optional<Observation> observe(ObjectRef ref, CustomHealthRule rule) {
        WatchedKind kind = new WatchedKind(ref.apiVersion(), ref.kind());
        boolean withPods = HealthJudge.judgesPods(ref.apiVersion(), ref.kind());
        if (!watch.isSynced(kind) || (withPods && !watch.isSynced(WatchedKind.POD))) {
            return Optional.empty();
        }
        return Optional.of(watch.find(ref).map(found -> {
            Map<String, Object> live = LiveReader.tree(found);
            List<Map<String, Object>> pods = withPods ? podsOf(ref, live) : List.of();
            ReplicaCount scale = watch.scalePaths(kind).map(paths -> paths.countOn(live)).orElse(null);
            return new Observation(ref, HealthJudge.judge(new LiveObject(live, pods, scale, rule)), live);
        }).orElseGet(() -> Observation.missing(ref)));
    }

    private List<Map<String, Object>> podsOf(ObjectRef ref, Map<String, Object> workload) {
        return watch.pods(ref.namespace()).stream().map(LiveReader::tree)
                .filter(pod -> PodSelection.selects(workload, pod))
                .toList();
    }
}
