package io.berth.template.internal.helm.pool;

import java.time.Duration;

import io.berth.template.HelmLimits;

/**
 * Helm was stopped, or stopped by itself, because of what the chart made it do: it passed a limit
 * of {@link HelmLimits}, or the Go runtime gave up with a fatal error. The worker is gone; Berth is
 * not affected. {@link #problem} says it for the chart's author.
 */
public final class HelmStopped extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why Helm stopped. */
    public enum Reason {
        TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT, FATAL_ERROR
    }

    private final Reason reason;
    private final String fatalError;

    HelmStopped(Reason reason, String fatalError) {
        super(reason + (fatalError == null ? "" : ": " + fatalError));
        this.reason = reason;
        this.fatalError = fatalError;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The problem's message.
     *
     * @param doing what Helm was doing with the chart: {@code rendering} or {@code linting}
     */
    public String problem(HelmLimits limits, String doing) {
        return switch (reason) {
            case TIME_LIMIT -> "Helm did not finish " + doing + " the chart within " + duration(limits.timeout())
                    + " (berth.templates.helm.timeout) and was stopped: a template may loop or do too much work";
            case MEMORY_LIMIT -> "Helm needed more than " + size(limits.memoryBytes()) + " of memory " + doing
                    + " the chart (berth.templates.helm.memory) and was stopped: a template may loop or build very large values";
            case OUTPUT_LIMIT -> "the chart renders more than " + size(limits.maxOutputBytes())
                    + " of manifests (berth.templates.helm.max-output); Helm was stopped";
            case FATAL_ERROR -> "Helm stopped with a fatal error while " + doing + " the chart: " + fatalError;
        };
    }

    static String size(long bytes) {
        long mb = 1024 * 1024;
        if (bytes % mb == 0) {
            return bytes / mb + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
