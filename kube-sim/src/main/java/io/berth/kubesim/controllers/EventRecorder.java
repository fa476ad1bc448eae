package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events for the simulated controllers, as Kubernetes' event recorder does: an Event
 * named {@code <object>.<hex timestamp>} in the object's namespace, with the involved object, reason,
 * message, type, source and timestamps; an identical event (same object, field, source, type, reason
 * and message) seen again counts on the Event it made ({@code count}, {@code lastTimestamp}) instead of
 * making a new one, so that a crash-looping pod refreshes one BackOff Event.
 *
 * <p>Like the real recorder it is asynchronous: events are written in order on a lane of their own on
 * the controllers' shared threads, so a controller's step never waits for them, and an event that
 * cannot be written is dropped. Cluster-scoped objects get their events in {@code default}.
 */
public final class EventRecorder {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
    /** How many distinct events are remembered for counting, as the real correlator's cache. */
    private static final int REMEMBERED = 4096;

    /** Who records: {@code statefulset-controller}, or {@code kubelet} on a node (the host). */
    public record Source(String component, String host) {

        public static Source of(String component) {
            return new Source(component, null);
        }
    }

    private record Key(String uid, String kind, String namespace, String name, String fieldPath, Source source,
                       String type, String reason, String message) {
    }

    private record Recorded(String namespace, String name, int count, String firstTimestamp) {
    }

    private final KubernetesClient client;
    private final Executor executor;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong lastNanos = new AtomicLong();
    private final Map<Key, Recorded> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };
    private volatile boolean stopped;

    public EventRecorder(KubernetesClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    public void normal(HasMetadata object, Source source, String reason, String message) {
        record(referenceTo(object, null), source, NORMAL, reason, message);
    }

    public void warning(HasMetadata object, Source source, String reason, String message) {
        record(referenceTo(object, null), source, WARNING, reason, message);
    }

    /** Records an event about an object (or a part of it: see {@link #referenceTo}); returns at once. */
    public void record(ObjectReference involved, Source source, String type, String reason, String message) {
        if (stopped) {
            return;
        }
        Instant now = Instant.now();
        pending.add(() -> write(involved, source, type, reason, message, now));
        drain();
    }

    /** A reference to the object, and to a part of it when {@code fieldPath} is given (such as {@code spec.containers{nginx}}). */
    public static ObjectReference referenceTo(HasMetadata object, String fieldPath) {
        return new ObjectReferenceBuilder().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
                .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
                .withFieldPath(fieldPath).build();
    }

    public void stop() {
        stopped = true;
        pending.clear();
    }

    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            try {
                for (Runnable next; !stopped && (next = pending.poll()) != null; ) {
                    next.run();
                }
            } finally {
                draining.set(false);
                if (!pending.isEmpty() && !stopped) {
                    drain();
                }
            }
        });
    }

    private void write(ObjectReference involved, Source source, String type, String reason, String message, Instant at) {
        String namespace = involved.getNamespace() == null ? "default" : involved.getNamespace();
        Key key = new Key(involved.getUid(), involved.getKind(), namespace, involved.getName(), involved.getFieldPath(),
                source, type, reason, message);
        String time = at.truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            Recorded seen = recent.get(key);
            if (seen != null && count(seen, time)) {
                recent.put(key, new Recorded(seen.namespace(), seen.name(), seen.count() + 1, seen.firstTimestamp()));
                return;
            }
            String name = involved.getName() + "." + Long.toHexString(uniqueNanos(at));
            client.v1().events().inNamespace(namespace).resource(newEvent(name, namespace, involved, source, type, reason, message, time))
                    .create();
            recent.put(key, new Recorded(namespace, name, 1, time));
        } catch (KubernetesClientException e) {
            log.debug("Event {} {} on {} not recorded: {}", reason, message, involved.getName(), e.getMessage());
        }
    }

    /** Counts one more on the Event made before; false when that Event is gone (a new one is made). */
    private boolean count(Recorded seen, String time) {
        try {
            client.v1().events().inNamespace(seen.namespace()).withName(seen.name()).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"count\":" + (seen.count() + 1) + ",\"lastTimestamp\":\"" + time + "\"}");
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static Event newEvent(String name, String namespace, ObjectReference involved, Source source, String type,
                                  String reason, String message, String time) {
        return new EventBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withInvolvedObject(involved).withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(source.component()).withHost(source.host()).endSource()
                .withReportingComponent(source.component())
                .withReportingInstance(source.host() == null ? source.component() : source.host())
                .withFirstTimestamp(time).withLastTimestamp(time).withCount(1).build();
    }

    /** Nanoseconds since the epoch, strictly increasing, so that names sort in the order events happened. */
    private long uniqueNanos(Instant at) {
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        return lastNanos.updateAndGet(last -> Math.max(last + 1, nanos));
    }
}
