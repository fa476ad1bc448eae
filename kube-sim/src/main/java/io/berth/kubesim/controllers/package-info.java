/**
 * The simulated controllers of one cluster: the scheduler and kubelet ({@code PodLifecycle}), the
 * StatefulSet, Deployment and CRD controllers, the etcd operator, and the event recorder they share.
 * Each reconcile takes at most one step; changes come back through the work queue ({@code ReconcileQueue}).
 */
package io.berth.kubesim.controllers;
