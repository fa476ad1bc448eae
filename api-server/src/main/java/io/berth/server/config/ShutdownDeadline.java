package io.berth.server.config;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds a stop of the process: when the JVM begins to shut down (SIGTERM, SIGINT, {@code System.exit}),
 * a timer starts, and if the orderly shutdown (requests drained, operations' leases handed back, the
 * embedded database stopped) has not ended when it runs out, the process exits at once. An orchestrator
 * then sees an exit within its grace period instead of having to kill Berth.
 *
 * <p>Only a JVM shutdown arms it: closing a Spring context inside a running JVM (as tests do) does not.
 */
@Component
class ShutdownDeadline {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDeadline.class);

    ShutdownDeadline(@Value("${berth.shutdown-timeout:30s}") Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("berth.shutdown-timeout must be positive");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> arm(timeout), "berth-shutdown-deadline"));
    }

    /** Returns at once (a shutdown hook that waited would itself hold the exit up). */
    private static void arm(Duration timeout) {
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            log.error("Berth did not stop within {} (berth.shutdown-timeout); exiting now", timeout);
            Runtime.getRuntime().halt(1);
        }, "berth-shutdown-timer");
        timer.setDaemon(true);
        timer.start();
    }
}
