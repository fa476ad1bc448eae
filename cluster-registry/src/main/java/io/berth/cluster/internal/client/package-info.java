/**
 * One cached fabric8 client per cluster, replaced when credentials change and closed on delete. All clients share
 * one Vert.x instance whose transport refuses connections to denied networks.
 */
package io.berth.cluster.internal.client;
