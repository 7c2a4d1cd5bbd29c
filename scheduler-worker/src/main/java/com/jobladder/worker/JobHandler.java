package com.jobladder.worker;

/**
 * Runs jobs of one type, receiving the payload as bytes ({@link TypedJobHandler} receives it
 * decoded). Throwing {@link com.jobladder.api.UndecodablePayloadException} (what
 * {@link com.jobladder.api.JobType#decode} throws) ends the job dead at once, unretried.
 * Throwing anything else, or running past the type's timeout, fails the attempt; the
 * job is then retried with backoff until its attempts run out. Handlers may run again for the
 * same job after a crash (delivery is at least once), so make their effects idempotent on
 * {@link JobContext#jobId()}.
 * <p>
 * One instance serves every job of its type: the worker calls it from several handler threads at
 * once ({@code jobladder.job-types.<type>.concurrency}, 4 by default), so it must be thread-safe.
 * A handler past its timeout is interrupted; it should stop when it sees the interrupt.
 */
@FunctionalInterface
public interface JobHandler {
    /**
     * Runs one attempt of a job. Returning normally records it as succeeded.
     *
     * @param job the job: id, type, payload, due time, attempt number
     * @throws Exception to fail the attempt: the job is retried with backoff while it has attempts left,
     *                   and its message is recorded as the attempt's error
     */
    void handle(JobContext job) throws Exception;
}
