package com.jobladder.internal.worker;

import com.jobladder.api.JobAttempt;
import com.jobladder.worker.WorkerCounts;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts outcomes and records how late jobs started, for the live summary and benchmarks, and passes
 * the same events on, per job type, to a {@link JobObserver} (the worker's metrics).
 */
public final class WorkerStats implements WorkerCounts {
    private static final long MAX_TRACKED_LATENESS_MS = Duration.ofDays(1).toMillis();
    private final Map<JobAttempt.Outcome, LongAdder> outcomes = new EnumMap<>(JobAttempt.Outcome.class);
    private final LongAdder reentered = new LongAdder();
    private final LongAdder cronRuns = new LongAdder();
    private final AtomicLong held = new AtomicLong();
    private final Recorder lateness = new Recorder(MAX_TRACKED_LATENESS_MS, 3);
    private final Histogram total = new Histogram(MAX_TRACKED_LATENESS_MS, 3);
    private volatile JobObserver observer = JobObserver.NONE;

    public WorkerStats() {
        for (JobAttempt.Outcome outcome : JobAttempt.Outcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
    }

    /** Per-type counts go to {@code newObserver} as well as into these totals. */
    public void observe(JobObserver newObserver) {
        this.observer = Objects.requireNonNull(newObserver, "observer");
    }

    void recorded(String type, JobAttempt.Outcome outcome, Duration ran) {
        outcomes.get(outcome).increment();
        observer.finished(type, outcome, ran);
    }

    void retried(String type) {
        observer.retried(type);
    }

    /** Clamped before converting: a due time centuries away must not overflow the milliseconds. */
    void started(String type, Duration late) {
        observer.started(type, late);
        long millis = late.isNegative() ? 0
                : late.compareTo(Duration.ofMillis(MAX_TRACKED_LATENESS_MS)) > 0 ? MAX_TRACKED_LATENESS_MS
                : late.toMillis();
        lateness.recordValue(millis);
    }

    void cronRunSucceeded() {
        cronRuns.increment();
    }

    /** Successful runs of jobs fired by cron schedules. */
    public long cronRunCount() {
        return cronRuns.sum();
    }

    void reentered() {
        reentered.increment();
    }

    @Override
    public long count(JobAttempt.Outcome outcome) {
        return outcomes.get(outcome).sum();
    }

    @Override
    public long reenteredCount() {
        return reentered.sum();
    }

    void holding(int change) {
        held.addAndGet(change);
    }

    /** Early deliveries held, unacked, until they are due (the final approach), all types together. */
    @Override
    public long heldCount() {
        return held.get();
    }

    /** Lateness of every job started so far, in milliseconds. */
    public synchronized Histogram lateness() {
        total.add(lateness.getIntervalHistogram());
        return total.copy();
    }
}
