package io.berth.kubesim.controllers;

import io.berth.kubesim.SimulatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * What a controller of one simulated cluster works with.
 *
 * @param client    a client that bypasses authentication and faults (the controllers are part of the cluster)
 * @param queue     where follow-up work goes
 * @param nodeNames the cluster's nodes, for placing pods
 * @param events    where the controllers record their Events
 * @param etcdData  what the cluster's simulated etcd clusters hold
 * @param initWork  what the init containers of the cluster's pods do, where a controller says so
 */
public record SimContext(KubernetesClient client, ReconcileQueue queue, SimulatorSettings settings, List<String> nodeNames,
                         EventRecorder events, EtcdData etcdData, InitContainerWork initWork) {
}
