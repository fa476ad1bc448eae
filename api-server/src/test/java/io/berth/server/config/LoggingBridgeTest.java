package io.berth.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogMessage;

/**
 * Spring and Spring Security log through the Commons Logging API, often with a {@link LogMessage} that is
 * meant to be rendered only when its level is on (Spring Security's method authorization does so on every
 * request: "Authorizing method invocation ..."). The bridge to SLF4J must check the level before it turns
 * a message into a string, or every request pays for messages nobody reads.
 */
class LoggingBridgeTest {

    private static final String QUIET = "io.berth.test.quiet";

    @Test
    void aDebugMessageIsNotRenderedWhileDebugIsOff() {
        ((Logger) LoggerFactory.getLogger(QUIET)).setLevel(Level.INFO);
        Log log = LogFactory.getLog(QUIET);
        AtomicInteger rendered = new AtomicInteger();

        log.debug(LogMessage.of(() -> "rendered " + rendered.incrementAndGet()));
        log.trace(LogMessage.of(() -> "rendered " + rendered.incrementAndGet()));
        log.info(LogMessage.of(() -> "rendered " + rendered.incrementAndGet()));

        assertThat(rendered).as("only the INFO message is rendered").hasValue(1);
    }
}
