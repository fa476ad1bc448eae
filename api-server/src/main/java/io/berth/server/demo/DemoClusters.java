package io.berth.server.demo;

import io.berth.cluster.Cluster;
import io.berth.cluster.ClusterAlreadyExistsException;
import io.berth.cluster.ClusterRegistration;
import io.berth.cluster.ClusterRegistry;
import io.berth.cluster.CredentialRotation;
import java.util.List;
import java.util.Map;

/**
 * The demo's two clusters, registered as {@code POST /api/v1/clusters} registers any cluster (the
 * registry's validation, sealed credentials, a first probe). A later demo on the same data directory
 * finds them registered; its new simulated clusters have other ports and another CA and token, which
 * it hands over as a credential rotation ({@code PUT /api/v1/clusters/{name}/credentials}) does.
 */
final class DemoClusters {

    /** A cluster of the demo: its name and labels. */
    record Spec(String name, Map<String, String> labels) {
    }

    static final List<Spec> SPECS = List.of(
            new Spec("sim-a", Map.of("env", "dev")),
            new Spec("sim-b", Map.of("env", "prod")));

    static final String CREATED_BY = "demo";

    static List<String> names() {
        return SPECS.stream().map(Spec::name).toList();
    }

    private final ClusterRegistry registry;

    DemoClusters(ClusterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the cluster, or gives the registered one the new simulated cluster's credentials. */
    Cluster registerOrRotate(Spec spec, String kubeconfig) {
        try {
            return registry.register(new ClusterRegistration(spec.name(), null,
                    "Simulated cluster of the demo (kube-sim, in Berth's JVM)", spec.labels(), kubeconfig, null,
                    false, false, CREATED_BY));
        } catch (ClusterAlreadyExistsException registeredByAnEarlierDemo) {
            return registry.rotateCredentials(spec.name(), new CredentialRotation(kubeconfig, null, false, false), null);
        }
    }
}
