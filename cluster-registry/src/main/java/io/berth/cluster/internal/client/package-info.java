/**
 * One cached fabric8 client per cluster, replaced when credentials change and closed on delete. All clients share
 * one Vert.x instance whose transport refuses connections to denied networks; a client uses the proxy of its
 * kubeconfig only, never one from Berth's environment.
 */
package io.berth.cluster.internal.client;
