package io.berth.server.stream;

import io.berth.server.timeline.TimelineEvent;
import io.berth.server.timeline.TimelineFilter;
import io.berth.server.timeline.TimelineService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows the timeline table for this instance's streams. Any instance's commit of an event notifies
 * {@code berth_timeline} (see V8__timeline.sql), which wakes this reader at once; the table itself is
 * what is read, from the last id seen, so a notification lost (the listening connection broke, the
 * database restarted) delays events by at most the poll interval and loses none. Why not polling
 * alone: every instance would read the table every fraction of a second to give portals the same
 * latency, mostly for nothing.
 */
@Component
class TimelineFollower implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TimelineFollower.class);
    private static final int PAGE = 500;

    private final DataSource dataSource;
    private final TimelineService timeline;
    private final StreamHub hub;
    private final StreamSettings settings;
    private final Thread thread = new Thread(this::follow, "berth-timeline-follower");
    private volatile boolean running = true;
    private long position = -1;

    TimelineFollower(DataSource dataSource, TimelineService timeline, StreamHub hub, StreamSettings settings) {
        this.dataSource = dataSource;
        this.timeline = timeline;
        this.hub = hub;
        this.settings = settings;
        thread.setDaemon(true);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.start();
    }

    private void follow() {
        long pollMillis = Math.max(1, settings.pollInterval().toMillis());
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN berth_timeline");
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    readNew();
                    // returns at the first notification, or after the poll interval
                    notifications.getNotifications((int) pollMillis);
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Following the timeline failed, trying again in {} ms: {}", pollMillis, e.toString());
                sleep(pollMillis);
            }
        }
    }

    private void readNew() {
        if (position < 0) {
            position = timeline.newestId(); // streams start with what happens from now; the past is replayed per subscriber
            return;
        }
        List<TimelineEvent> page;
        do {
            page = timeline.after(TimelineFilter.everything(), position, PAGE);
            if (!page.isEmpty()) {
                hub.publish(page);
                position = page.get(page.size() - 1).id();
            }
        } while (page.size() == PAGE && running);
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
