/**
 * Storage of clusters (entities, repositories) and the sealing of their credentials. Private to the
 * cluster-registry module.
 */
package io.berth.cluster.internal;
