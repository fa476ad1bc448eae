/**
 * kube-sim behind the demo's {@link io.berth.server.demo.SimulatorFactory}. The only Berth code that
 * imports kube-sim. It is compiled with api-server but packaged apart: into {@code demo/} beside
 * berth.jar and {@code BOOT-INF/demo/} of berth-boot.jar, with kube-sim and the libraries only kube-sim
 * needs, outside the class path of a normal start. Nothing refers to these classes by name; the service loader finds them.
 */
package io.berth.server.demo.sim;
