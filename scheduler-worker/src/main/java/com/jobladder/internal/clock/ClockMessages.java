package com.jobladder.internal.clock;

import com.jobladder.internal.clock.ClockStatus.State;
import com.jobladder.internal.config.ClockSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the clock check tells an operator: one log line per change of state, and the readiness reason. */
final class ClockMessages {
    /** The check's own logger: operators filter on it (docs/operations.md, "Clocks"). */
    private static final Logger log = LoggerFactory.getLogger(ClockCheck.class);

    private ClockMessages() {}

    /** Why the worker is not ready: for a status whose last offset is beyond max-offset. */
    static String notReady(ClockStatus now, ClockSettings settings) {
        String offset = "this worker's clock " + (now.state() == State.SKEWED ? "is " : "was ")
                + ClockStatus.describe(now.measured().offset()) + " of the audit database's, beyond"
                + " jobladder.clock.max-offset (" + settings.maxOffset() + ")";
        return switch (now.state()) {
            case UNCORRECTED ->
                offset + " when last measured; the database's clock cannot be read, jobs run by"
                        + " this worker's own clock";
            case KEPT -> offset + "; the database's clock cannot be read now, the offset still applies";
            default -> offset + "; jobs and cron fires keep the database's time";
        };
    }

    static void logLocal() {
        log.info("Clock - the audit database is embedded H2: this host's clock is the reference, nothing to measure");
    }

    /** @param failure why the reference could not be read; null when it was */
    static void logChange(ClockStatus now, String failure, ClockSettings settings) {
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
            case LOCAL -> logLocal();
        }
    }
}
