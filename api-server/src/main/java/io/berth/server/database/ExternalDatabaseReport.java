package io.berth.server.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says in the startup log which external database Berth uses (the embedded one reports itself). */
@Component
class ExternalDatabaseReport {

    private static final Logger log = LoggerFactory.getLogger(ExternalDatabaseReport.class);

    private final Environment environment;

    ExternalDatabaseReport(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationStartedEvent.class)
    void report() {
        if (!DatabaseMode.isEmbedded(environment)) {
            log.info("Using external PostgreSQL at {}", DatabaseMode.describe(environment.getProperty("spring.datasource.url")));
        }
    }
}
