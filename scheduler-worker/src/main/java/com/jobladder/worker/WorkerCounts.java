package com.jobladder.worker;

import com.jobladder.api.JobAttempt;

/** What a running {@link Worker} has done so far, for an application that embeds one. */
public interface WorkerCounts {
    /** Attempts this worker recorded with {@code outcome}. */
    long count(JobAttempt.Outcome outcome);

    /** Jobs that arrived early and are held on a timer until they are due (the final approach). */
    long heldCount();

    /** Jobs that arrived with their due time still beyond the ladder's reach and were sent round it again. */
    long reenteredCount();
}
