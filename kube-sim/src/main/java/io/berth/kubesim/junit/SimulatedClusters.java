package io.berth.kubesim.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts simulated clusters for a test class: one {@link io.berth.kubesim.KubeSim} with {@link #count()}
 * clusters, started before the class's first test and closed after its last. Tests, constructors
 * and fields receive it as {@code KubeSim}, {@code List<SimulatedCluster>} or {@code SimulatedCluster}
 * (the first cluster); see {@link KubeSimExtension}.
 *
 * <pre>{@code
 * @SimulatedClusters(count = 2, readinessDelayMillis = 50)
 * class FailoverTest {
 *     @Test
 *     void movesTheApplication(List<SimulatedCluster> clusters) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KubeSimExtension.class)
public @interface SimulatedClusters {

    /** How many clusters to start (sim-1, sim-2, ...). */
    int count() default 1;

    /** How long a new pod takes to become Running and Ready. */
    long readinessDelayMillis() default 200;

    /** The first restart back-off of a crash-looping container (then doubling, capped at 30 times it); 10 s as on a real node. */
    long crashLoopBackOffMillis() default 10_000;
}
