/**
 * Cluster leases: with several Berth replicas on one database, each cluster is watched and probed by
 * one replica at a time. See {@link io.berth.cluster.internal.lease.LeaseKeeper}.
 */
package io.berth.cluster.internal.lease;
