package com.jobladder.internal.clock;

import java.time.Duration;
import java.util.Locale;

/**
 * What the clock check knows now.
 *
 * @param measured   the last offset measured, {@link ClockOffset#ZERO} where there is nothing to measure,
 *                   null before the reference was first reached
 * @param correction what the worker's clock adds to the local one now
 */
public record ClockStatus(State state, ClockOffset measured, Duration correction) {
    /** One line in the log at each change. */
    public enum State {
        /** The audit database is embedded H2: this host's clock is the reference. */
        LOCAL,
        /** Measured, within {@code jobladder.clock.max-offset}. */
        IN_STEP,
        /** Measured, beyond {@code jobladder.clock.max-offset}: corrected, and not ready. */
        SKEWED,
        /** The reference cannot be read: the last offset still applies, up to {@code jobladder.clock.keep-offset}. */
        KEPT,
        /** The reference has not been read for longer: the worker runs by its local clock. */
        UNCORRECTED
    }

    /** "2.001 s fast" or "0.300 ms slow": the local clock against the reference, as an operator reads it. */
    static String describe(Duration offset) {
        long nanos = offset.toNanos();
        String way = nanos < 0 ? "fast" : "slow";
        double millis = Math.abs(nanos) / 1e6;
        return millis >= 1_000
                ? String.format(Locale.ROOT, "%.3f s %s", millis / 1_000, way)
                : String.format(Locale.ROOT, "%.3f ms %s", millis, way);
    }

    /** Milliseconds with microseconds, for pages and JSON. */
    public static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
