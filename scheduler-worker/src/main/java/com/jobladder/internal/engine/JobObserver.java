package com.jobladder.internal.engine;

import com.jobladder.api.JobAttempt;
import java.time.Duration;

/** Told, per job type, what {@link WorkerStats} counts: the worker's metrics hang on it. Must not block. */
public interface JobObserver {
    JobObserver NONE = new JobObserver() {};

    /** A handler started, {@code lateness} after the job's due time (negative: early). */
    default void started(String type, Duration lateness) {}

    /** A delivery of a job reached the worker, {@code lateness} after its due time (negative: early, to be held). */
    default void arrived(String type, Duration lateness) {}

    /** An attempt's row committed with {@code outcome}; {@code ran} is how long its handler ran (zero if none did). */
    default void finished(String type, JobAttempt.Outcome outcome, Duration ran) {}

    /** A failed attempt's retry was published into the ladder. */
    default void retried(String type) {}
}
