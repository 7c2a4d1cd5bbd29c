package com.jobladder.internal.clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.audit.DatabaseClock;
import com.jobladder.internal.audit.DatabaseClock.WorkerClock;
import com.jobladder.internal.clock.ClockStatus.State;
import com.jobladder.internal.config.ClockSettings;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import com.jobladder.testsupport.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The clock check's logic against a database clock the test sets: offsets, states, the fallback. */
class ClockCheckTest {
    private static final ClockSettings SETTINGS =
            new ClockSettings(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(10));
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private final SettableClock local = new SettableClock(T);
    private final Reference reference = new Reference();

    @Test
    void theOffsetComesFromTheReadWithTheShortestRoundTrip() {
        List<DatabaseClock.ClockRead> reads = List.of(
                new DatabaseClock.ClockRead(T, T.plusMillis(2_050), T.plusMillis(100)),
                new DatabaseClock.ClockRead(T.plusMillis(200), T.plusMillis(2_202), T.plusMillis(204)),
                new DatabaseClock.ClockRead(T.plusMillis(300), T.plusMillis(2_400), T.plusMillis(340)));

        ClockOffset offset = ClockOffset.of(reads);

        assertThat(offset.offset()).isEqualTo(Duration.ofMillis(2_000));
        assertThat(offset.bound()).isEqualTo(Duration.ofMillis(2));
        assertThat(offset.measuredAt()).isEqualTo(T.plusMillis(204));
        assertThat(offset.correction()).isEqualTo(Duration.ofMillis(2_000));
    }

    @Test
    void anOffsetWithinItsBoundCorrectsNothing() {
        ClockOffset offset =
                ClockOffset.of(List.of(new DatabaseClock.ClockRead(T, T.plusNanos(1_500_000), T.plusMillis(4))));

        assertThat(offset.offset()).isEqualTo(Duration.ofNanos(-500_000));
        assertThat(offset.correction()).isZero();
    }

    @Test
    void aWorkerTwoSecondsFastIsSkewedNotReadyAndKeepsTheReferenceTime() {
        reference.ahead = Duration.ofSeconds(-2);

        ClockCheck check = ClockCheck.start(reference, local, SETTINGS, "w-1");

        assertThat(check.status().state()).isEqualTo(State.SKEWED);
        assertThat(check.clock().instant()).isEqualTo(T.minusSeconds(2));
        assertThat(reference.rows.get("w-1"))
                .isEqualTo(new WorkerClock(
                        "w-1", "SKEWED", Duration.ofSeconds(-2), Duration.ofNanos(1_000), T.minusSeconds(2)));
        assertThat(check.notReady())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("2.000 s fast", "jobladder.clock.max-offset (PT1S)"));
        check.close();
    }

    @Test
    void aSmallOffsetIsCorrectedAndReady() {
        reference.ahead = Duration.ofMillis(300);

        ClockCheck check = ClockCheck.start(reference, local, SETTINGS, "w-1");

        assertThat(check.status().state()).isEqualTo(State.IN_STEP);
        assertThat(check.clock().instant()).isEqualTo(T.plusMillis(300));
        assertThat(check.notReady()).isEmpty();
        check.close();
    }

    @Test
    void anUnreachableReferenceKeepsTheLastOffsetForKeepOffsetThenFallsBackToTheLocalClock() {
        reference.ahead = Duration.ofMillis(700);
        ClockCheck check = ClockCheck.start(reference, local, SETTINGS, "w-1");
        reference.down = true;

        local.advance(Duration.ofMinutes(9));
        check.check();
        assertThat(check.status().state()).isEqualTo(State.KEPT);
        assertThat(check.clock().instant()).isEqualTo(local.instant().plusMillis(700));

        local.advance(Duration.ofMinutes(2));
        check.check();
        assertThat(check.status().state()).isEqualTo(State.UNCORRECTED);
        assertThat(check.clock().instant()).isEqualTo(local.instant());

        reference.down = false;
        check.check();
        assertThat(check.status().state()).isEqualTo(State.IN_STEP);
        assertThat(check.clock().instant()).isEqualTo(local.instant().plusMillis(700));
        check.close();
    }

    @Test
    void aReferenceUnreachableAtStartLeavesTheLocalClock() {
        reference.down = true;

        ClockCheck check = ClockCheck.start(reference, local, SETTINGS, "w-1");

        assertThat(check.status().state()).isEqualTo(State.UNCORRECTED);
        assertThat(check.status().measured()).isNull();
        assertThat(check.clock().instant()).isEqualTo(T);
        assertThat(check.notReady()).isEmpty();
        check.close();
    }

    @Test
    void aSkewLastMeasuredBeyondMaxOffsetKeepsTheWorkerNotReadyWhileTheReferenceIsAway() {
        reference.ahead = Duration.ofSeconds(3);
        ClockCheck check = ClockCheck.start(reference, local, SETTINGS, "w-1");
        reference.down = true;

        check.check();

        assertThat(check.status().state()).isEqualTo(State.KEPT);
        assertThat(check.notReady())
                .hasValueSatisfying(reason -> assertThat(reason).contains("3.000 s slow", "the offset still applies"));
        check.close();
    }

    @Test
    void withEmbeddedH2TheLocalClockIsTheReference() {
        reference.shared = false;

        ClockCheck check = ClockCheck.start(reference, local, SETTINGS, "w-1");

        assertThat(check.status().state()).isEqualTo(State.LOCAL);
        assertThat(check.status().measured()).isEqualTo(ClockOffset.ZERO);
        assertThat(check.clock().instant()).isEqualTo(T);
        assertThat(reference.reads).isZero();
        assertThat(reference.rows.get("w-1").state()).isEqualTo("LOCAL");
        check.close();
        assertThat(reference.rows).as("rows left after the worker stopped").isEmpty();
    }

    /** A database whose clock is the local one plus {@code ahead}, answering at once, or not at all when down. */
    private static final class Reference implements DatabaseClock {
        volatile Duration ahead = Duration.ZERO;
        volatile boolean down;
        volatile boolean shared = true;
        volatile int reads;
        final Map<String, WorkerClock> rows = new ConcurrentHashMap<>();

        @Override
        public boolean sharedClock() {
            return shared;
        }

        @Override
        public List<ClockRead> readClock(Clock local, int rounds) {
            reads++;
            if (down) {
                throw new AuditUnavailableException("audit store cannot read its clock: connection refused", null);
            }
            List<ClockRead> out = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Instant now = local.instant();
                out.add(new ClockRead(now, now.plus(ahead), now));
            }
            return out;
        }

        @Override
        public void saveWorkerClock(WorkerClock clock) {
            rows.put(clock.workerId(), clock);
        }

        @Override
        public void deleteWorkerClock(String workerId) {
            rows.remove(workerId);
        }

        @Override
        public List<WorkerClock> workerClocks() {
            return List.copyOf(rows.values());
        }
    }
}
