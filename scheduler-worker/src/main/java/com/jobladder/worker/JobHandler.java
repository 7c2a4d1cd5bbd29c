package com.jobladder.worker;

/**
 * Runs jobs of one type, receiving the payload as bytes ({@link TypedJobHandler} receives it
 * decoded). Throwing {@link com.jobladder.api.UndecodablePayloadException} (what
 * {@link com.jobladder.api.JobType#decode} throws) ends the job dead at once, unretried.
 * Throwing anything else, or running past the type's timeout, fails the attempt; the
 * job is then retried with backoff until its attempts run out. Handlers may run again for the
 * same job after a crash (delivery is at least once), so make their effects idempotent on
 * {@link JobContext#jobId()}.
 */
@FunctionalInterface
public interface JobHandler {
    void handle(JobContext job) throws Exception;
}
