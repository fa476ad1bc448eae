/**
 * The demo mode ({@code java -jar berth.jar --demo}): simulated clusters in Berth's own JVM, registered,
 * with the example templates loaded. kube-sim is reached only through {@link io.berth.server.demo.SimulatorFactory};
 * its implementation lives in {@code io.berth.server.demo.sim}, which is packaged outside the class path of a
 * normal start and found by {@link io.berth.server.demo.SimulatorLoader}.
 */
package io.berth.server.demo;
