package io.berth.server.deploy;

import io.berth.template.HealthHint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Readiness of applied workloads: pure rules per object ({@link #judge}), and a wait for all the
 * workloads of a revision ({@link #awaitReady}), used by the deploy option "wait".
 */
public final class WorkloadReadiness {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Duration pollInterval;
    private final Duration silenceLimit;

    /** Polls every two seconds: often enough for people, rare enough for a busy API server. */
    public WorkloadReadiness() {
        this(Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    /**
     * @param pollInterval how often the workloads are read
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
     * Judges one live object. A StatefulSet is ready when its controller has observed the latest
     * generation and {@code readyReplicas}, {@code updatedReplicas} and {@code replicas} all equal
     * {@code spec.replicas} (and, with RollingUpdate and no partition, {@code currentRevision} equals
     * {@code updateRevision}). A Deployment is ready when its {@code Available} condition is True and
     * {@code updatedReplicas} equals {@code spec.replicas}; it failed when its progress deadline passed.
     * Any kind with a template health hint is judged by it.
     *
     * @param live the object as the cluster returns it
     * @param hint the template's health hint for the object's kind, or {@code null}
     * @return empty for objects that are not workloads (Services, ConfigMaps, custom resources without a hint...)
     */
    public static Optional<Readiness> judge(Map<String, Object> live, HealthHint hint) {
        String kind = Objects.toString(live.get("kind"), "");
        String apiVersion = Objects.toString(live.get("apiVersion"), "");
        if (hint != null) {
            return Optional.of(ReadinessRules.byHint(live, hint));
        }
        if (apiVersion.equals("apps/v1") && kind.equals("StatefulSet")) {
            return Optional.of(ReadinessRules.statefulSet(live));
        }
        if (apiVersion.equals("apps/v1") && kind.equals("Deployment")) {
            return Optional.of(ReadinessRules.deployment(live));
        }
        return Optional.empty();
    }

    /** {@link #judge(Map, HealthHint)} for an object as the fabric8 client returns it. */
    public static Optional<Readiness> judge(GenericKubernetesResource live, HealthHint hint) {
        return judge(tree(live), hint);
    }

    /** The object as a plain tree of maps, lists and values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(GenericKubernetesResource live) {
        return (Map<String, Object>) SERIALIZATION.convertValue(live, Map.class);
    }

    /** Whether {@link #judge} has a rule for objects of this kind. */
    static boolean isWorkload(ObjectRef ref, Map<String, HealthHint> hints) {
        boolean builtIn = ref.apiVersion().equals("apps/v1") && (ref.kind().equals("StatefulSet") || ref.kind().equals("Deployment"));
        return builtIn || hints.containsKey(ref.kind());
    }

    /**
     * Polls the workloads among {@code applied} until all are Ready.
     *
     * @param hints     the template's health hints by kind
     * @param cancelled asked before each poll; when it says true the wait ends with a {@link CancellationException}
     * @throws NotReadyException      when a workload Failed, or when {@code timeout} passed with some not Ready;
     *                                it lists each such workload and why
     * @throws ClusterSilentException when the cluster gave no answer for the silence limit: a dead cluster
     *                                ends the attempt soon, with its reason, instead of at the timeout
     */
    public void awaitReady(KubernetesClient client, List<ObjectRef> applied, Map<String, HealthHint> hints,
                           Duration timeout, BooleanSupplier cancelled) {
        List<ObjectRef> workloads = applied.stream().filter(ref -> isWorkload(ref, hints)).toList();
        Instant deadline = Instant.now().plus(timeout);
        Instant silentSince = null;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("The wait for " + workloads.size() + " workloads to be ready was cancelled");
            }
            Map<ObjectRef, Readiness> states;
            try {
                states = poll(client, workloads, hints);
                silentSince = null;
            } catch (KubernetesClientException unanswered) {
                silentSince = silentSince == null ? Instant.now() : silentSince;
                if (!Instant.now().isBefore(silentSince.plus(silenceLimit)) || !Instant.now().plus(pollInterval).isBefore(deadline)) {
                    throw new ClusterSilentException(Duration.between(silentSince, Instant.now()), workloads.size(), unanswered);
                }
                pause();
                continue;
            }
            List<String> failed = describe(states, Readiness.Failed.class);
            if (!failed.isEmpty()) {
                throw new NotReadyException("A workload failed", failed);
            }
            List<String> waiting = describeNotReady(states);
            if (waiting.isEmpty()) {
                return;
            }
            if (!Instant.now().plus(pollInterval).isBefore(deadline)) {
                throw new NotReadyException("Workloads not ready within " + timeout.toSeconds() + "s", waiting);
            }
            pause();
        }
    }

    private static Map<ObjectRef, Readiness> poll(KubernetesClient client, List<ObjectRef> workloads, Map<String, HealthHint> hints) {
        Map<ObjectRef, Readiness> states = new LinkedHashMap<>();
        for (ObjectRef ref : workloads) {
            states.put(ref, readinessOf(client, ref, hints.get(ref.kind())));
        }
        return states;
    }

    private static Readiness readinessOf(KubernetesClient client, ObjectRef ref, HealthHint hint) {
        try {
            Optional<ResourceDefinitionContext> type = ResourceTypes.find(client, ref.apiVersion(), ref.kind());
            GenericKubernetesResource live = type.map(t -> ResourceTypes.resource(client, t, ref).get()).orElse(null);
            if (live == null) {
                return new Readiness.NotReady("not found on the cluster");
            }
            Readiness judged = judge(live, hint).orElseGet(() -> new Readiness.Unknown("no rule judges " + ref.kind()));
            return judged instanceof Readiness.Ready && hint != null ? scaleSettled(client, type.get(), ref) : judged;
        } catch (KubernetesClientException e) {
            if (ClusterErrors.isUnanswered(e)) {
                throw e; // the cluster itself is silent: the wait counts how long (see awaitReady)
            }
            // a passing failure of one read (a 500, a 429) is one more reason to poll again, not the end of the wait
            return new Readiness.Unknown("could not be read: " + ClusterErrors.explain(e));
        }
    }

    /**
     * A custom resource whose hint says it is healthy may still be growing or shrinking: an operator
     * adds members one at a time while its phase stays {@code Running}. When its CRD declares a
     * {@code /scale} subresource, it is ready only once the replicas there (status) match the asked
     * count (spec). A CRD without {@code /scale} gives no such count, and the hint alone decides.
     */
    private static Readiness scaleSettled(KubernetesClient client, ResourceDefinitionContext type, ObjectRef ref) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName(type.getPlural() + "." + type.getGroup()).get();
        if (crd == null || !WorkloadScaler.declaresScale(crd, type.getVersion())) {
            return new Readiness.Ready();
        }
        Scale scale = ResourceTypes.resource(client, type, ref).scale();
        Integer asked = scale.getSpec() == null ? null : scale.getSpec().getReplicas();
        Integer running = scale.getStatus() == null ? null : scale.getStatus().getReplicas();
        return Objects.equals(asked, running) ? new Readiness.Ready()
                : new Readiness.NotReady("scaling: " + running + " of " + asked + " replicas");
    }

    private static List<String> describe(Map<ObjectRef, Readiness> states, Class<? extends Readiness> type) {
        List<String> out = new ArrayList<>();
        states.forEach((ref, state) -> {
            if (type.isInstance(state)) {
                out.add(ref.describe() + ": " + state.reason());
            }
        });
        return out;
    }

    private static List<String> describeNotReady(Map<ObjectRef, Readiness> states) {
        List<String> out = new ArrayList<>();
        states.forEach((ref, state) -> {
            if (!(state instanceof Readiness.Ready)) {
                String unknown = state instanceof Readiness.Unknown ? "unknown, " : "";
                out.add(ref.describe() + ": " + unknown + state.reason());
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
