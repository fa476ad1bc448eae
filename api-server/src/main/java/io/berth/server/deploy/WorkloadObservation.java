package io.berth.server.deploy;

import java.util.List;

/**
 * What was seen of one applied workload at one moment.
 *
 * @param missing     the object is not on the cluster (deleted behind Berth's back)
 * @param readiness   its readiness by the rules of {@link WorkloadReadiness#judge}; null when missing
 * @param replicas    the replica count it asks for, when it has one ({@code spec.replicas}); null otherwise
 * @param podTroubles pods of a StatefulSet or Deployment that cannot start, e.g. {@code web-1: CrashLoopBackOff}
 */
public record WorkloadObservation(ObjectRef workload, boolean missing, Readiness readiness, Integer replicas,
                                  List<String> podTroubles) {

    public WorkloadObservation {
        podTroubles = podTroubles == null ? List.of() : List.copyOf(podTroubles);
    }
}
