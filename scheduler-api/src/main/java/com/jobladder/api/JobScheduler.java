package com.jobladder.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Submits one-off jobs into the broker's delay ladder, cancels them and reports their state.
 * Thread-safe; one instance per application. Close it to release its broker connection.
 */
public interface JobScheduler extends AutoCloseable {

    /**
     * Publishes the job and returns once the broker confirmed it. Every failure is a
     * {@link ScheduleFailedException} carrying the job's id; scheduling the same request again is
     * safe, since the request keeps its id.
     *
     * @throws ScheduleFailedException when the broker nacked or returned the job, a queue is full,
     *                                 the connection is down, no confirm came within the timeout, the
     *                                 payload exceeds {@code jobladder.worker.max-payload-bytes}, or
     *                                 the due time is out of range
     */
    ScheduledJob schedule(JobRequest job);

    /**
     * Completes on the broker's confirm; fails with {@link ScheduleFailedException} otherwise,
     * never throws. The future completes on one of the scheduler's own callback threads, so a
     * callback may itself call {@link #schedule}. When {@code jobladder.broker.max-in-flight} jobs
     * already await their confirm, this call waits for one to settle, up to
     * {@code jobladder.broker.confirm-timeout}, and then returns a failed future.
     */
    CompletableFuture<ScheduledJob> scheduleAsync(JobRequest job);

    /**
     * Publishes every job with pipelined confirms (many in flight at once, far faster than one
     * {@link #schedule} after another) and returns when each is confirmed or failed. Jobs are
     * independent: some may be scheduled while others fail; the result says which, with each
     * failed job's id.
     */
    BatchResult scheduleAll(List<JobRequest> jobs);

    /**
     * Schedules the jobs all or none, in one AMQP transaction. Slower than
     * {@link #scheduleAll}; see docs/guarantees.md for what "all or none" covers.
     *
     * @throws ScheduleFailedException when the batch was rolled back (nothing was scheduled) or the
     *                                 commit could not be confirmed
     */
    List<ScheduledJob> scheduleAllAtomically(List<JobRequest> jobs);

    /** Shorthand for a text payload after a delay. */
    default ScheduledJob schedule(String type, String payload, Duration delay) {
        return schedule(JobRequest.ofType(type).payload(payload).after(delay));
    }

    /** Writes a tombstone so that no worker runs the job; see {@link CancelResult}. */
    CancelResult cancel(String jobId);

    JobStatus status(String jobId);

    @Override
    void close();
}
