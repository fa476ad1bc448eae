/** HTTP endpoints of the cluster registry ({@code /api/v1/clusters}). The logic lives in cluster-registry. */
package io.berth.server.clusters;
