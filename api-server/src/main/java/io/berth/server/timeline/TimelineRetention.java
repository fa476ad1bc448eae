package io.berth.server.timeline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes events older than {@code berth.timeline.retention}, a bounded batch at a time. */
@Component
@EnableConfigurationProperties(TimelineSettings.class)
public class TimelineRetention {

    private static final Logger log = LoggerFactory.getLogger(TimelineRetention.class);
    private static final int BATCH = 10_000;

    private final JdbcClient jdbc;
    private final TimelineSettings settings;
    private final Clock clock;

    TimelineRetention(JdbcClient jdbc, TimelineSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${berth.timeline.purge-every:1h}", fixedDelayString = "${berth.timeline.purge-every:1h}")
    void purge() {
        try {
            int deleted = purgeOlderThan(Instant.now(clock).minus(settings.retention()));
            if (deleted > 0) {
                log.info("Deleted {} timeline events older than {}", deleted, settings.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete old timeline events: {}", e.toString());
        }
    }

    /**
     * Deletes the events up to the newest one that happened before the moment (a prefix of ids, so that
     * what remains has no holes), in batches so that no statement holds the table long; returns how many.
     */
    public int purgeOlderThan(Instant before) {
        Long through = jdbc.sql("select max(id) from timeline_event where occurred_at < :before")
                .param("before", Timestamp.from(before)).query(Long.class).single();
        if (through == null) {
            return 0;
        }
        // first the horizon: from now on a stream resuming at or below it is told to resync
        jdbc.sql("update timeline_horizon set purged_through = greatest(purged_through, :through)").param("through", through).update();
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    delete from timeline_event where id in
                        (select id from timeline_event where id <= :through order by id limit :batch)""")
                    .param("through", through).param("batch", BATCH).update();
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
