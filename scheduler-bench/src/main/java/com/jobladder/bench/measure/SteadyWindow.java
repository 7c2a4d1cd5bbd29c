package com.jobladder.bench.measure;

import java.time.Duration;
import java.time.Instant;

/**
 * The part of a run in which jobs fall due at the offered rate, [from, to): from the first
 * submission plus the longest delay (before it, the jobs with longer delays are not yet falling
 * due) to the last submission plus the shortest delay (after it, the jobs with shorter delays
 * have stopped). Only there does a scheduler carry the offered rate; a whole run mixes in the
 * ramp up and the ramp down.
 */
public record SteadyWindow(long fromMillis, long toMillis) {
    /** A run whose due rate over its window is below this share of the offered rate is NOT STEADY. */
    public static final double STEADY_SHARE = 0.95;
    /** The shortest window measured, whatever the duration. */
    static final Duration MIN_LENGTH = Duration.ofSeconds(5);

    public static SteadyWindow of(long firstSubmitMillis, long lastSubmitMillis, DelayRange delays) {
        long from = firstSubmitMillis + delays.max().toMillis();
        return new SteadyWindow(
                from, Math.max(from, lastSubmitMillis + delays.min().toMillis()));
    }

    /**
     * Refuses a duration too short for the delays: the window (duration - (max - min)) must be at
     * least a third of the run and {@link #MIN_LENGTH}, i.e. duration >= 1.5 x (max - min).
     * Three times the longest delay gives a window of two thirds.
     */
    public static void requireMeasurable(Duration duration, DelayRange delays) {
        Duration window = duration.minus(delays.spread());
        if (window.multipliedBy(3).compareTo(duration) < 0 || window.compareTo(MIN_LENGTH) < 0) {
            long needed = Math.max(
                    (delays.spread().toMillis() * 3 + 1) / 2,
                    delays.spread().plus(MIN_LENGTH).toMillis());
            throw new IllegalArgumentException(String.format(
                    "a run of %d s with delays %s s never reaches steady"
                            + " state long enough to measure: jobs fall due at the offered rate only from the first"
                            + " submission + %.1f s to the last + %.1f s, a window of %.1f s; expected a duration of at"
                            + " least %d s (--duration; 3 x the longest delay, %d s, is better)",
                    duration.toSeconds(),
                    delays,
                    delays.max().toMillis() / 1000.0,
                    delays.min().toMillis() / 1000.0,
                    window.toMillis() / 1000.0,
                    (needed + 999) / 1000,
                    delays.max().multipliedBy(3).toSeconds()));
        }
    }

    double seconds() {
        return (toMillis - fromMillis) / 1000.0;
    }

    public boolean contains(long millis) {
        return millis >= fromMillis && millis < toMillis;
    }

    /** e.g. "60.0-121.0 s after the first submission (61.0 s)". */
    public String describe(long firstSubmitMillis) {
        return String.format(
                "%.1f-%.1f s after the first submission (%s to %s, %.1f s)",
                (fromMillis - firstSubmitMillis) / 1000.0,
                (toMillis - firstSubmitMillis) / 1000.0,
                Instant.ofEpochMilli(fromMillis),
                Instant.ofEpochMilli(toMillis),
                seconds());
    }
}
