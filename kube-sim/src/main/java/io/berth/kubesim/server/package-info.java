/**
 * The simulated API server of one cluster: its HTTPS endpoint ({@code ApiServer}), the rules it adds to
 * fabric8's CRUD store ({@code SimDispatcher} and the classes it routes to: discovery, watches, patches,
 * server-side apply, defaults, Tables, selectors, /scale, status rules) and the TCP gate in front of it.
 * What each rule does, and where it differs from a real API server, is in docs/kube-sim.md.
 */
package io.berth.kubesim.server;
