package com.jobladder.internal.clock;

import com.jobladder.internal.audit.DatabaseClock;
import com.jobladder.internal.audit.DatabaseClock.WorkerClock;
import com.jobladder.internal.clock.ClockStatus.State;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.ClockSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
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
            log.info("Clock - the audit database is embedded H2: this host's clock is the reference, nothing to"
                    + " measure");
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
        String offset = "this worker's clock " + (now.state() == State.SKEWED ? "is " : "was ")
                + ClockStatus.describe(now.measured().offset()) + " of the audit database's, beyond"
                + " jobladder.clock.max-offset (" + settings.maxOffset() + ")";
        return Optional.of(
                switch (now.state()) {
                    case UNCORRECTED ->
                        offset + " when last measured; the database's clock cannot be read, jobs"
                                + " run by this worker's own clock";
                    case KEPT -> offset + "; the database's clock cannot be read now, the offset still applies";
                    default -> offset + "; jobs and cron fires keep the database's time";
                });
    }

    /** {@code jobladder.clock.offset}, {@code .offset.bound} and {@code .correction}, in seconds. */
    public void bindMeters(MeterRegistry registry) {
        gauge(
                registry,
                "jobladder.clock.offset",
                "How far the audit database's clock is ahead of this worker's",
                s -> s.measured() == null ? Double.NaN : seconds(s.measured().offset()));
        gauge(
                registry,
                "jobladder.clock.offset.bound",
                "The offset's error bound, either way",
                s -> s.measured() == null ? Double.NaN : seconds(s.measured().bound()));
        gauge(
                registry,
                "jobladder.clock.correction",
                "What this worker adds to its clock now",
                s -> seconds(s.correction()));
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ClockStatus> f) {
        Gauge.builder(name, this, check -> f.applyAsDouble(check.status))
                .description(description)
                .baseUnit("seconds")
                .register(registry);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
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
            logChange(after, failure);
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

    private void logChange(ClockStatus now, String failure) {
        ClockOffset measured = now.measured();
        switch (now.state()) {
            case IN_STEP ->
                log.info(
                        "Clock - this worker's clock is {} of the audit database's (± {} µs), within"
                                + " jobladder.clock.max-offset ({}); jobs are timed by the database's clock",
                        ClockStatus.describe(measured.offset()),
                        measured.bound().toNanos() / 1_000,
                        settings.maxOffset());
            case SKEWED ->
                log.warn(
                        "Clock - this worker's clock is {} of the audit database's (± {} µs), beyond"
                                + " jobladder.clock.max-offset ({}). Jobs and cron fires keep the database's time;"
                                + " /health/ready reports it until the host's time synchronisation (NTP) is fixed",
                        ClockStatus.describe(measured.offset()),
                        measured.bound().toNanos() / 1_000,
                        settings.maxOffset());
            case KEPT ->
                log.warn(
                        "Clock - the audit database's clock cannot be read ({}); keeping the offset measured at {}"
                                + " ({}) for up to jobladder.clock.keep-offset ({})",
                        failure,
                        measured.measuredAt(),
                        ClockStatus.describe(measured.offset()),
                        settings.keepOffset());
            case UNCORRECTED ->
                log.warn(
                        "Clock - the audit database's clock cannot be read ({}){}; this worker runs by its own clock"
                                + " until the database answers again",
                        failure,
                        measured == null
                                ? ""
                                : " and the offset measured at " + measured.measuredAt() + " has expired");
            case LOCAL -> throw new IllegalStateException("a measured clock never becomes local");
        }
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
