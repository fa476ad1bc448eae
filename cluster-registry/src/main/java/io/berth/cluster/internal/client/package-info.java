/** One cached fabric8 client per cluster, replaced when credentials change and closed on delete. */
package io.berth.cluster.internal.client;
