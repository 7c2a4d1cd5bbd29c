package com.jobladder.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.topology.LadderSpec;
import com.jobladder.internal.topology.QueueType;
import com.jobladder.internal.topology.TopologyNames;
import com.jobladder.testsupport.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrandedRungsTest {
    private static final TopologyNames NAMES =
            new TopologyNames("watch", new LadderSpec(4, Duration.ofMillis(1), 3, QueueType.QUORUM, 1000));
    private static final String RUNG = NAMES.ladderQueue(2, 3);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StrandedRungs watch = new StrandedRungs(
            new ManagementQueueCounts(List.of("http://127.0.0.1:1"), "amqp://u:p@h/%2f", "/"),
            NAMES,
            Duration.ofSeconds(60),
            clock);

    @Test
    void aRungWhoseExpiredJobsNeverGoDownIsStrandedOnceTheyHaveWaitedStrandedAfter() {
        read(RUNG, 100, 0);
        clock.advance(Duration.ofSeconds(30));
        read(RUNG, 150, 0);
        assertThat(watch.strandedQueues()).as("after 30 s").isZero();
        clock.advance(Duration.ofSeconds(30));
        read(RUNG, 150, 7);
        assertThat(watch.strandedQueues()).as("after 60 s with 150 waiting").isEqualTo(1);
    }

    @Test
    void expiredJobsThatGoDownBetweenReadingsAreMovingHoweverManyThereAre() {
        read(RUNG, 500, 0);
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(5));
            read(RUNG, i % 2 == 0 ? 400 : 520, 0);
        }
        assertThat(watch.strandedQueues()).isZero();
    }

    @Test
    void aStrandedRungIsNoLongerCountedOnceItsJobsMove() {
        read(RUNG, 100, 0);
        clock.advance(Duration.ofSeconds(61));
        read(RUNG, 100, 0);
        assertThat(watch.strandedQueues()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        read(RUNG, 40, 0);
        assertThat(watch.strandedQueues()).isZero();
    }

    @Test
    void readyAndUnacknowledgedJobsAreNotExpiredOnes() {
        watch.check(Map.of(RUNG, new ManagementQueueCounts.Counts(RUNG, 300, 200, 100, "rabbit@a")));
        clock.advance(Duration.ofSeconds(120));
        watch.check(Map.of(RUNG, new ManagementQueueCounts.Counts(RUNG, 300, 200, 100, "rabbit@a")));
        assertThat(watch.strandedQueues()).isZero();
    }

    @Test
    void queuesOutsideTheLadderAreNotWatched() {
        String other = NAMES.workerQueue("mail");
        watch.check(Map.of(other, new ManagementQueueCounts.Counts(other, 10, 0, 0, "rabbit@a")));
        clock.advance(Duration.ofSeconds(120));
        watch.check(Map.of(other, new ManagementQueueCounts.Counts(other, 10, 0, 0, "rabbit@a")));
        assertThat(watch.strandedQueues()).isZero();
    }

    /** {@code deadLettered} expired jobs plus {@code ready} ones, nothing unacknowledged. */
    private void read(String rung, long deadLettered, long ready) {
        watch.check(Map.of(rung, new ManagementQueueCounts.Counts(rung, deadLettered + ready, ready, 0, "rabbit@a")));
    }
}
