package com.jobladder.worker;

import com.jobladder.api.JobAttempt;

/**
 * What a running {@link Worker} has done since it started, for an application that embeds one.
 * Live: each call reads the current value. Thread-safe.
 */
public interface WorkerCounts {
    /**
     * Attempts this worker recorded with an outcome, since it started.
     *
     * @param outcome the outcome
     * @return how many attempts it recorded with it
     */
    long count(JobAttempt.Outcome outcome);

    /**
     * Jobs that arrived early and are held on a timer until they are due (the final approach), now.
     *
     * @return how many jobs this worker holds at this moment, all types together
     */
    long heldCount();

    /**
     * Jobs that arrived with their due time still beyond what the worker holds and were sent round the ladder
     * again, since it started.
     *
     * @return how many such jobs this worker sent back
     */
    long reenteredCount();
}
