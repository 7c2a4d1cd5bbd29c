package com.jobladder.internal.engine;

import com.jobladder.api.JobAttempt;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Counts outcomes and records how late jobs started, and how late their deliveries arrived (the
 * broker's part of that), for the live summary and benchmarks, and passes
 * the same events on, per job type, to a {@link JobObserver} (the worker's metrics).
 */
public final class WorkerStats {
    private final Map<JobAttempt.Outcome, LongAdder> outcomes = new EnumMap<>(JobAttempt.Outcome.class);
    private final LongAdder reentered = new LongAdder();
    private final LongAdder cronRuns = new LongAdder();
    private final LongAdder bundles = new LongAdder();
    private final LongAdder bundledJobs = new LongAdder();
    private final AtomicLong held = new AtomicLong();
    private final LatenessRecord started = new LatenessRecord();
    private final LatenessRecord arrived = new LatenessRecord();
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

    void started(String type, Duration late) {
        observer.started(type, late);
        started.record(late);
    }

    /** A delivery of a job reached this worker {@code late} after the job's due time (negative: early). */
    void arrived(String type, Duration late) {
        observer.arrived(type, late);
        arrived.record(late);
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

    /** Attempts recorded with {@code outcome}. */
    public long count(JobAttempt.Outcome outcome) {
        return outcomes.get(outcome).sum();
    }

    /** Jobs sent round the ladder again, their due time still beyond its reach. */
    public long reenteredCount() {
        return reentered.sum();
    }

    void bundleOpened(int jobs) {
        bundles.increment();
        bundledJobs.add(jobs);
    }

    /** Messages that carried several jobs (bundles) this worker opened. */
    public long bundleCount() {
        return bundles.sum();
    }

    /** Jobs that arrived in bundles. */
    public long bundledJobCount() {
        return bundledJobs.sum();
    }

    void holding(int change) {
        held.addAndGet(change);
    }

    /** Early deliveries held, unacked, until they are due (the final approach), all types together. */
    public long heldCount() {
        return held.get();
    }

    /** Lateness of every job started so far, in milliseconds. */
    public Histogram lateness() {
        return started.total();
    }

    /**
     * How late every delivery so far reached this worker, in milliseconds (early: 0): the part of
     * {@link #lateness} the broker made. What starts later than it arrived was late in the worker.
     */
    public Histogram arrivalLateness() {
        return arrived.total();
    }
}
