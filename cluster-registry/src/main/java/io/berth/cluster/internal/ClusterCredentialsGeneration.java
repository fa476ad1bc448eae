package io.berth.cluster.internal;

import java.util.UUID;

/** A cluster's identity and the generation of its credentials (moved on by every change of kubeconfig). */
public record ClusterCredentialsGeneration(UUID id, String name, int generation) {
}
