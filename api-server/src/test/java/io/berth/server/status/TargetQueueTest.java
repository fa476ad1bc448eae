package io.berth.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One judgement of a target at a time: a change reported while a worker judges the target queues it again
 * for when that judgement is done, never for a second worker at once (which, reading an older view and
 * finishing last, would record a health the target has left).
 */
class TargetQueueTest {

    private final TargetQueue queue = new TargetQueue();
    private final TargetKey web = new TargetKey("sim-a", "shop", "web");

    @Test
    @Timeout(10)
    void aTargetChangedWhileBeingJudgedIsTakenAgainOnlyAfterItsJudgementIsDone() throws Exception {
        queue.add(web);
        assertThat(queue.take()).isEqualTo(web);

        queue.add(web); // a watch event while the first worker judges it
        CompletableFuture<TargetKey> second = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatTakesNothingFor(second, 300);

        queue.done(web);

        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(web);
        queue.done(web);
    }

    @Test
    @Timeout(10)
    void aTargetNotChangedWhileBeingJudgedIsNotTakenAgain() throws Exception {
        queue.add(web);
        assertThat(queue.take()).isEqualTo(web);
        queue.done(web);

        CompletableFuture<TargetKey> next = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatTakesNothingFor(next, 300);
        queue.add(web);
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(web);
    }

    private static void assertThatTakesNothingFor(CompletableFuture<TargetKey> take, long millis) throws Exception {
        try {
            TargetKey taken = take.get(millis, TimeUnit.MILLISECONDS);
            throw new AssertionError("taken while its judgement was under way: " + taken);
        } catch (TimeoutException expected) {
            // nobody may judge it yet
        }
    }
}
