package io.berth.template;

import java.time.Duration;
import java.util.Objects;

/**
 * How Helm runs for Berth (settings {@code berth.templates.helm.*}): every render and lint happens
 * in a worker process of its own ({@link HelmWorkers}), bounded by these limits; a worker that
 * passes one is killed and the render fails with a problem that says which.
 *
 * @param timeout        how long one render or lint may take
 * @param memoryBytes    how much memory one worker may hold: its anonymous resident memory (Java
 *                       heap, Helm's Go heap, stacks) is watched against this, and the kernel refuses
 *                       to give it more than twice this as data segment
 * @param maxOutputBytes how many bytes of manifests one render may give back (checked while they
 *                       are read, never buffered beyond)
 * @param workers        how many workers may run at once; more renders wait for a free one
 * @param idleTimeout    a worker that has served nothing for this long is stopped
 */
public record HelmLimits(Duration timeout, long memoryBytes, long maxOutputBytes, int workers, Duration idleTimeout) {

    /** Below this a worker cannot even load Helm's library (about 40 MB of its own). */
    public static final long MIN_MEMORY_BYTES = 96L * 1024 * 1024;

    public static final HelmLimits DEFAULT = new HelmLimits(Duration.ofSeconds(20), 256L * 1024 * 1024,
            4L * 1024 * 1024, 2, Duration.ofMinutes(2));

    public HelmLimits {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("berth.templates.helm.timeout must be positive, not " + timeout);
        }
        if (memoryBytes < MIN_MEMORY_BYTES) {
            throw new IllegalArgumentException("berth.templates.helm.memory must be at least "
                    + MIN_MEMORY_BYTES / (1024 * 1024) + "MB, not " + memoryBytes + " bytes");
        }
        if (maxOutputBytes < 1024 || maxOutputBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("berth.templates.helm.max-output must be between 1KB and 2GB, not "
                    + maxOutputBytes + " bytes");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("berth.templates.helm.workers must be at least 1, not " + workers);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("berth.templates.helm.idle-timeout must be positive, not " + idleTimeout);
        }
    }

    public HelmLimits withTimeout(Duration timeout) {
        return new HelmLimits(timeout, memoryBytes, maxOutputBytes, workers, idleTimeout);
    }

    public HelmLimits withMemoryBytes(long memoryBytes) {
        return new HelmLimits(timeout, memoryBytes, maxOutputBytes, workers, idleTimeout);
    }

    public HelmLimits withMaxOutputBytes(long maxOutputBytes) {
        return new HelmLimits(timeout, memoryBytes, maxOutputBytes, workers, idleTimeout);
    }

    public HelmLimits withWorkers(int workers) {
        return new HelmLimits(timeout, memoryBytes, maxOutputBytes, workers, idleTimeout);
    }
}
