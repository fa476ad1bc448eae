/**
 * Simulated Kubernetes clusters on top of fabric8's mock server, with controllers playing the
 * kubelet and the operators, for tests, the demo mode and benchmarks. Production code never needs it.
 * Filled in by the kube-sim issue.
 */
package io.berth.kubesim;
