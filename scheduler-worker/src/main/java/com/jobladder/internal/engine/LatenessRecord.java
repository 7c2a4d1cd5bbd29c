package com.jobladder.internal.engine;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Milliseconds late, recorded from any thread and read as a running total. Early counts as 0, and
 * beyond a day as a day: clamped before converting, so that a due time centuries away cannot
 * overflow the milliseconds.
 */
final class LatenessRecord {
    private static final long MAX_TRACKED_MS = Duration.ofDays(1).toMillis();
    private final Recorder recent = new Recorder(MAX_TRACKED_MS, 3);
    private final Histogram total = new Histogram(MAX_TRACKED_MS, 3);

    void record(Duration late) {
        long millis = late.isNegative()
                ? 0
                : late.compareTo(Duration.ofMillis(MAX_TRACKED_MS)) > 0 ? MAX_TRACKED_MS : late.toMillis();
        recent.recordValue(millis);
    }

    /** Everything recorded so far. */
    synchronized Histogram total() {
        total.add(recent.getIntervalHistogram());
        return total.copy();
    }
}
