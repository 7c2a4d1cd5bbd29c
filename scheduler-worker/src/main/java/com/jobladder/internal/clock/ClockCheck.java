package com.jobladder.internal.clock;

import com.jobladder.internal.audit.DatabaseClock;
import com.jobladder.internal.audit.DatabaseClock.WorkerClock;
import com.jobladder.internal.clock.ClockStatus.State;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.ClockSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the local clock's offset from the audit database's every {@code check-interval} and sets
 * the worker's {@link #clock()} by it; logs once per change of {@link State}. With embedded H2 there
 * is nothing to measure and the clock is the local one.
 */
public final class ClockCheck implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClockCheck.class);
    /** Round trips per measurement; the shortest gives the offset. */
    static final int ROUNDS = 5;

    private final DatabaseClock reference;
    private final Clock local;
    private final ClockSettings settings;
    private final String workerId;
    private final ReferenceClock clock;
    /** Null only until the first check, which {@link #start} makes before returning. */
    private volatile ClockStatus status;

    private ScheduledExecutorService executor;

    ClockCheck(DatabaseClock reference, Clock local, ClockSettings settings, String workerId) {
        this.reference = reference;
        this.local = local;
        this.settings = settings;
        this.workerId = workerId;
        this.clock = new ReferenceClock(local);
    }

    /** Measures once before returning, so that the first job is timed by the reference, then every interval. */
    public static ClockCheck start(DatabaseClock reference, Clock local, ClockSettings settings, String workerId) {
        ClockCheck check = new ClockCheck(reference, local, settings, workerId);
        if (!reference.sharedClock()) {
            check.status = new ClockStatus(State.LOCAL, ClockOffset.ZERO, Duration.ZERO);
            ClockMessages.logLocal();
            check.report();
            return check;
        }
        check.check();
        check.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobladder-clock-check"));
        long every = settings.checkInterval().toNanos();
        check.executor.scheduleWithFixedDelay(check::checkAndLogErrors, every, every, TimeUnit.NANOSECONDS);
        return check;
    }

    /** The worker's time: the local clock, corrected by the offset while one applies. */
    public Clock clock() {
        return clock;
    }

    public ClockStatus status() {
        return status;
    }

    /** Why the worker is not ready as far as time goes: the last offset measured is beyond max-offset. */
    public Optional<String> notReady() {
        ClockStatus now = status;
        if (now.measured() == null || !beyondMax(now.measured())) {
            return Optional.empty();
        }
        return Optional.of(ClockMessages.notReady(now, settings));
    }

    /** {@code jobladder.clock.offset}, {@code .offset.bound} and {@code .correction}, in seconds. */
    public void bindMeters(MeterRegistry registry) {
        ClockGauges.bind(registry, this::status);
    }

    /** The periodic task: one failure is logged and the next check runs as usual. */
    private void checkAndLogErrors() {
        try {
            check();
        } catch (RuntimeException e) {
            log.error("Clock - a check failed unexpectedly. Will keep running and check again", e);
        }
    }

    /** One measurement, or what an unreachable reference means for the offset. */
    void check() {
        ClockStatus before = status;
        ClockStatus after;
        String failure = null;
        try {
            ClockOffset measured = ClockOffset.of(reference.readClock(local, ROUNDS));
            after = new ClockStatus(
                    beyondMax(measured) ? State.SKEWED : State.IN_STEP, measured, measured.correction());
        } catch (RuntimeException e) {
            failure = e.getMessage();
            after = unreachable(before == null ? null : before.measured());
        }
        clock.correct(after.correction());
        status = after;
        if (failure == null) {
            report();
        }
        if (before == null || after.state() != before.state()) {
            ClockMessages.logChange(after, failure, settings);
        } else {
            log.debug("Clock - {}", after);
        }
    }

    /** This worker's row for {@code scheduler status}; a failure costs only the row. */
    private void report() {
        ClockStatus now = status;
        try {
            reference.saveWorkerClock(new WorkerClock(
                    workerId,
                    now.state().name(),
                    now.measured().offset(),
                    now.measured().bound(),
                    clock.instant()));
        } catch (RuntimeException e) {
            log.debug("Clock - this worker's row for scheduler status was not saved: {}", e.getMessage());
        }
    }

    private ClockStatus unreachable(ClockOffset last) {
        boolean keep = last != null
                && Duration.between(last.measuredAt(), local.instant()).compareTo(settings.keepOffset()) <= 0;
        return keep
                ? new ClockStatus(State.KEPT, last, last.correction())
                : new ClockStatus(State.UNCORRECTED, last, Duration.ZERO);
    }

    private boolean beyondMax(ClockOffset offset) {
        return offset.offset().abs().compareTo(settings.maxOffset()) > 0;
    }

    /** Stops checking and deletes this worker's row, so that {@code scheduler status} lists running workers. */
    @Override
    public void close() {
        if (executor != null) {
            DaemonThreads.stopNow(executor, Duration.ofSeconds(5));
        }
        try {
            reference.deleteWorkerClock(workerId);
        } catch (RuntimeException e) {
            log.warn(
                    "Clock - this worker's row was not deleted ({}); scheduler status lists it until a worker of the"
                            + " same id replaces it",
                    e.getMessage());
        }
    }
}
