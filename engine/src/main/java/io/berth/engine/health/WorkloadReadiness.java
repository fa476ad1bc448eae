package io.berth.engine.health;

import io.berth.engine.ClusterErrors;
import io.berth.engine.ObjectRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The wait of a deploy with the option "wait": until every applied object that carries health is
 * Healthy (or scaled to zero on purpose), judged by {@link HealthJudge} like everywhere else in Berth.
 * It polls, and between polls watches the objects it waits for, so that a change is looked at when it
 * happens rather than at the next poll ({@link ChangeAlarm}). A change is looked at only when it could
 * end the wait: a StatefulSet whose own status still counts replicas on their way cannot be ready
 * whatever its pods say, and reading it with its pods at each of its steps would multiply the reads of a
 * deploy to many clusters several times over. Pods only ever make a workload Degraded: their watch wakes
 * the wait when one shows trouble. While every watch stands, the polls are a safety net ten intervals
 * apart; when one is lost they come at the interval again.
 * A Degraded object (a crash loop, an image that cannot be pulled, a template's degraded value) ends
 * the wait at once, naming the pod and its reason: waiting longer would not cure it.
 */
public final class WorkloadReadiness {

    /** How many poll intervals apart the polls are while watches report every change. */
    private static final int WATCHED_POLL_FACTOR = 10;

    private final Duration pollInterval;
    private final Duration silenceLimit;
    private final LiveReader reader = new LiveReader();

    /**
     * Polls every two seconds while a watch is lost, every twenty while all stand: often enough for people,
     * rare enough for a busy API server.
     */
    public WorkloadReadiness() {
        this(Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    /**
     * @param pollInterval how often the objects are read when a watch is lost (ten times as often as while they are watched)
     * @param silenceLimit how long the cluster may go without answering before the wait gives up on it
     */
    public WorkloadReadiness(Duration pollInterval, Duration silenceLimit) {
        if (pollInterval.isNegative() || pollInterval.isZero() || silenceLimit.isNegative() || silenceLimit.isZero()) {
            throw new IllegalArgumentException("pollInterval and silenceLimit must be positive");
        }
        this.pollInterval = pollInterval;
        this.silenceLimit = silenceLimit;
    }

    /**
     * Polls the objects among {@code applied} that carry health until all are settled.
     *
     * @param rules     the template's health rules by kind
     * @param cancelled asked before each poll; when it says true the wait ends with a {@link CancellationException}
     * @throws NotReadyException      when an object is Degraded, or when {@code timeout} passed with some not
     *                                settled; it lists each such object and why
     * @throws ClusterSilentException when the cluster gave no answer for the silence limit: a dead cluster
     *                                ends the attempt soon, with its reason, instead of at the timeout
     */
    public void awaitReady(KubernetesClient client, List<ObjectRef> applied, Map<String, CustomHealthRule> rules,
                           Duration timeout, BooleanSupplier cancelled) {
        List<ObjectRef> judged = applied.stream()
                .filter(ref -> HealthJudge.carriesHealth(ref.apiVersion(), ref.kind(), rules.containsKey(ref.kind())))
                .toList();
        Instant deadline = Instant.now().plus(timeout);
        Instant silentSince = null;
        ChangeAlarm alarm = null;
        try {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("The wait for " + judged.size() + " objects to be ready was cancelled");
                }
                Map<ObjectRef, Observation> states;
                try {
                    states = poll(client, judged, rules);
                    silentSince = null;
                } catch (KubernetesClientException unanswered) {
                    silentSince = silentSince == null ? Instant.now() : silentSince;
                    if (!Instant.now().isBefore(silentSince.plus(silenceLimit)) || !Instant.now().plus(pollInterval).isBefore(deadline)) {
                        throw new ClusterSilentException(Duration.between(silentSince, Instant.now()), judged.size(), unanswered);
                    }
                    pause();
                    continue;
                }
                List<String> degraded = describe(states, true);
                if (!degraded.isEmpty()) {
                    throw new NotReadyException("Degraded, waiting longer will not help", degraded);
                }
                List<String> waiting = describe(states, false);
                if (waiting.isEmpty()) {
                    return;
                }
                if (!Instant.now().plus(pollInterval).isBefore(deadline)) {
                    throw new NotReadyException("Not ready within " + timeout.toSeconds() + "s", waiting);
                }
                if (alarm == null) {
                    // watched from the versions this look saw: whatever changes after it rings
                    alarm = ChangeAlarm.on(client, List.copyOf(states.values()));
                }
                awaitReasonToLook(alarm, rules, deadline);
            }
        } finally {
            if (alarm != null) {
                alarm.close();
            }
        }
    }

    /**
     * Waits for the next poll or for a change that could end the wait, whichever comes first. While the
     * alarm sees every change the polls are only a safety net, ten intervals apart (but never later than
     * the deadline, when the wait must look once more to say what is still on its way); once it is blind
     * they come at the interval again.
     */
    private void awaitReasonToLook(ChangeAlarm alarm, Map<String, CustomHealthRule> rules, Instant deadline) {
        Instant nextPoll = Instant.now().plus(alarm.isBlind() ? pollInterval : pollInterval.multipliedBy(WATCHED_POLL_FACTOR));
        if (nextPoll.isAfter(deadline)) {
            nextPoll = deadline;
        }
        try {
            while (true) {
                Duration left = Duration.between(Instant.now(), nextPoll);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                List<ChangeAlarm.Change> changes = alarm.await(left);
                if (changes.isEmpty() || changes.stream().anyMatch(change -> couldEndTheWait(change, rules))) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for workloads to be ready");
        }
    }

    /**
     * A pod can only end the wait by making its workload Degraded; an object that is, by its own status,
     * still unready cannot end it (see the class comment); any other change can, and so can a deletion.
     */
    private static boolean couldEndTheWait(ChangeAlarm.Change change, Map<String, CustomHealthRule> rules) {
        if (change.ofPod()) {
            return change.now().map(HealthJudge::troublesItsWorkload).orElse(false);
        }
        return change.now().map(now -> !HealthJudge.unreadyByItself(now, rules.containsKey(change.ref().kind()))).orElse(true);
    }

    private Map<ObjectRef, Observation> poll(KubernetesClient client, List<ObjectRef> objects, Map<String, CustomHealthRule> rules) {
        Map<ObjectRef, Observation> states = new LinkedHashMap<>();
        for (ObjectRef ref : objects) {
            states.put(ref, observe(client, ref, rules.get(ref.kind())));
        }
        return states;
    }

    private Observation observe(KubernetesClient client, ObjectRef ref, CustomHealthRule rule) {
        try {
            return reader.observe(client, ref, rule);
        } catch (KubernetesClientException e) {
            if (ClusterErrors.isUnanswered(e)) {
                throw e; // the cluster itself is silent: the wait counts how long (see awaitReady)
            }
            // a passing failure of one read (a 500, a 429) is one more reason to poll again, not the end of the wait
            return new Observation(ref, Assessment.unknown("could not be read: " + ClusterErrors.explain(e)), null);
        }
    }

    /** The Degraded objects, or (with {@code degraded} false) all the unsettled ones, each with its reason. */
    private static List<String> describe(Map<ObjectRef, Observation> states, boolean degraded) {
        List<String> out = new ArrayList<>();
        states.forEach((ref, observation) -> {
            Assessment state = observation.assessment();
            boolean wanted = degraded ? state.health() == Health.Degraded : !state.isSettled();
            if (wanted) {
                out.add(ref.describe() + ": " + state.health() + ", " + state.reason());
            }
        });
        return out;
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for workloads to be ready");
        }
    }
}
