package io.berth.engine.tree;

import java.util.List;

/**
 * What an object's spec and status say of its size and state, as {@code kubectl get} would show it.
 *
 * @param phase           a custom resource's {@code status.phase}; {@code null} for built-in workloads
 * @param desiredReplicas the size asked for: {@code spec.replicas}, a custom resource's {@code /scale} spec path,
 *                        else its {@code spec.size}
 * @param currentReplicas the size running: {@code status.replicas}, the {@code /scale} status path, else
 *                        {@code status.size}
 * @param readyReplicas   a built-in workload's {@code status.readyReplicas}; {@code null} for custom resources
 * @param readyMembers    the members a custom resource lists as ready ({@code status.members.ready}, as the
 *                        etcd operator writes it); {@code null} when it lists none
 * @param unreadyMembers  likewise {@code status.members.unready}
 */
public record ObjectSummary(String phase, Integer desiredReplicas, Integer currentReplicas, Integer readyReplicas,
                            List<String> readyMembers, List<String> unreadyMembers) {

    public ObjectSummary {
        readyMembers = readyMembers == null ? null : List.copyOf(readyMembers);
        unreadyMembers = unreadyMembers == null ? null : List.copyOf(unreadyMembers);
    }
}
