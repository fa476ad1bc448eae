package io.berth.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.server.timeline.TimelineEvent;
import io.berth.server.timeline.TimelineFilter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;

/** One slow reader never slows the feed nor another reader; it is told to resync instead. */
class SubscriberTest {

    private final ExecutorService senders = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        senders.shutdownNow();
    }

    @Test
    void aReaderThatDoesNotReadNeverHoldsUpTheFeedOrAnotherReaderAndIsToldToResync() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        RecordingSink slow = new RecordingSink(stuck);
        RecordingSink fast = new RecordingSink(null);
        AtomicBoolean slowClosed = new AtomicBoolean();
        Subscriber slowReader = new Subscriber(TimelineFilter.everything(), slow, 10, null, noReplay(), senders, () -> slowClosed.set(true));
        Subscriber fastReader = new Subscriber(TimelineFilter.everything(), fast, 10, null, noReplay(), senders, () -> { });

        long started = System.nanoTime();
        for (int id = 1; id <= 1000; id++) {
            TimelineEvent event = event(id);
            slowReader.offer(event);
            fastReader.offer(event);
            if (id % 5 == 0) {
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                        .until(() -> fast.sent.size() == event.id()); // the fast one keeps up
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("offering never waited for the stuck reader")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(fast.sent).hasSize(1000);
        assertThat(fast.resyncs).isEmpty();

        stuck.countDown(); // the slow reader's first write returns at last
        await().atMost(Duration.ofSeconds(5)).until(slowClosed::get);
        assertThat(slow.resyncs).hasSize(1);
        assertThat(slow.sent).as("what it was sent before it fell behind, and nothing after").hasSizeLessThan(12);
        assertThat(slow.closed).isTrue();
        assertThat(slowReader.isClosed()).isTrue();
    }

    @Test
    void aResumingReaderGetsWhatItMissedThenLiveEventsEachOnce() throws Exception {
        RecordingSink sink = new RecordingSink(null);
        CountDownLatch replaying = new CountDownLatch(1);
        CountDownLatch offered = new CountDownLatch(1);
        Subscriber.Replay replay = (filter, afterId, send) -> {
            replaying.countDown();
            waitFor(offered);
            for (long id = afterId + 1; id <= 7; id++) { // the table had 6 and 7 when it was read
                send.send(event(id));
            }
            return 7;
        };
        Subscriber subscriber = new Subscriber(TimelineFilter.everything(), sink, 10, 5L, replay, senders, () -> { });
        subscriber.start();
        assertThat(replaying.await(5, TimeUnit.SECONDS)).isTrue();
        subscriber.offer(event(7)); // committed while the replay ran: offered live too
        subscriber.offer(event(8));
        offered.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.sent.size() == 3);
        assertThat(sink.sent).containsExactly(6L, 7L, 8L);
    }

    @Test
    void anEventTheFilterDoesNotWantIsNeverBuffered() {
        RecordingSink sink = new RecordingSink(null);
        Subscriber subscriber = new Subscriber(new TimelineFilter(null, null, "sim-a", null), sink, 1, null, noReplay(), senders,
                () -> { });
        for (int id = 1; id <= 100; id++) {
            subscriber.offer(event(id)); // on sim-b: none of them fills its one-event buffer
        }
        assertThat(subscriber.isClosed()).isFalse();
        assertThat(sink.resyncs).isEmpty();
    }

    @Test
    void aReaderGoneAbruptlyIsLetGoEvenWhenItsResponseCannotBeEndedCleanly() throws Exception {
        // Tomcat refuses to complete a response whose connection already failed: the stream must still be let go
        RecordingSink sink = new RecordingSink(null) {
            @Override
            public void send(TimelineEvent event) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void close() {
                throw new IllegalStateException("the response had an error already");
            }
        };
        AtomicBoolean letGo = new AtomicBoolean();
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        ExecutorService watched = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r);
            thread.setUncaughtExceptionHandler((t, e) -> escaped.add(e));
            return thread;
        });
        try {
            Subscriber subscriber = new Subscriber(TimelineFilter.everything(), sink, 10, null, noReplay(), watched, () -> letGo.set(true));
            subscriber.start();
            subscriber.offer(event(1));

            await().atMost(Duration.ofSeconds(5)).until(subscriber::isClosed);
            assertThat(letGo).as("removed from the hub's streams").isTrue();
            watched.shutdown();
            assertThat(watched.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(escaped).as("nothing thrown out of the sender").isEmpty();
        } finally {
            watched.shutdownNow();
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aStreamWhoseReplayCannotReadTheTimelineEndsAndSaysSoInTheLog(CapturedOutput output) {
        RecordingSink sink = new RecordingSink(null);
        Subscriber.Replay broken = (filter, afterId, send) -> {
            throw new DataAccessResourceFailureException("An I/O error occurred while sending to the backend");
        };
        Subscriber resuming = new Subscriber(TimelineFilter.everything(), sink, 10, 5L, broken, senders, () -> { });

        resuming.start();

        await().atMost(Duration.ofSeconds(5)).until(resuming::isClosed);
        // Berth's own failure, not the reader's: the reader reconnects and resumes, and the log says why it had to
        assertThat(sink.resyncs).isEmpty();
        assertThat(output).contains("could not be read", "An I/O error occurred while sending to the backend");
    }

    private static Subscriber.Replay noReplay() {
        return (filter, afterId, send) -> afterId;
    }

    private static TimelineEvent event(long id) {
        return new TimelineEvent(id, Instant.now(), "HealthChanged", "web", "sim-b", "shop", null,
                java.util.Map.of(), "Healthy → Degraded", null);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records what it is sent; with a latch, its first write blocks until the latch opens (a reader that does not read). */
    private static class RecordingSink implements EventSink {

        final List<Long> sent = new CopyOnWriteArrayList<>();
        final List<String> resyncs = new CopyOnWriteArrayList<>();
        final AtomicInteger opened = new AtomicInteger();
        volatile boolean closed;
        private final CountDownLatch blockFirstWrite;

        RecordingSink(CountDownLatch blockFirstWrite) {
            this.blockFirstWrite = blockFirstWrite;
        }

        @Override
        public void open() {
            opened.incrementAndGet();
        }

        @Override
        public void send(TimelineEvent event) throws IOException {
            if (opened.get() != 1) {
                throw new AssertionError("an event sent before the stream's opening, or after a second one");
            }
            if (blockFirstWrite != null && sent.isEmpty()) {
                waitFor(blockFirstWrite);
            }
            sent.add(event.id());
        }

        @Override
        public void keepAlive() {
        }

        @Override
        public void resync(String reason) {
            resyncs.add(reason);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
