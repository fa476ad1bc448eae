package io.berth.server.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the operation runner, under {@code berth.operations}.
 *
 * @param targetParallelism how many targets are worked on at the same time, over all operations. A target's
 *                          step mostly waits (on its cluster's API server, then on its pods): 32 threads deploy
 *                          50 clusters in two waves, where 8 took seven (docs/benchmarks.md)
 * @param maxRunning        how many operations this instance runs at the same time
 * @param pollInterval      how often to look for operations to run (new ones also wake the runner at once)
 * @param leaseDuration     how long a claim on an operation holds without a heartbeat; after a crash,
 *                          another instance (or this one restarted) resumes the operation after it
 * @param maxAttempts       attempts per step before it fails
 * @param retryInitialDelay pause after the first failed attempt, doubled after each further one
 * @param retryMaxDelay     longest pause between attempts
 * @param crdTimeout        how long to wait for a CRD to be established before its custom resources are applied
 * @param readinessPoll     how often readiness is checked while waiting for workloads
 * @param runner            whether this instance runs operations at all (tests of the API alone switch it off)
 * @param clusterSilence    how long a readiness wait goes on while its cluster gives no answer; then the
 *                          attempt fails with the cluster's reason and is retried like any other
 * @param stopGrace         on shutdown, how long interrupted steps get to stop before the leases of the
 *                          operations that stopped are handed back
 */
@ConfigurationProperties("berth.operations")
public record OperationSettings(
        @DefaultValue("32") int targetParallelism,
        @DefaultValue("4") int maxRunning,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("30s") Duration leaseDuration,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration retryInitialDelay,
        @DefaultValue("30s") Duration retryMaxDelay,
        @DefaultValue("60s") Duration crdTimeout,
        @DefaultValue("1s") Duration readinessPoll,
        @DefaultValue("true") boolean runner,
        @DefaultValue("20s") Duration clusterSilence,
        @DefaultValue("5s") Duration stopGrace) {

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, retryInitialDelay, retryMaxDelay);
    }
}
