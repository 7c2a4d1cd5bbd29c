package com.jobladder.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Submits one-off jobs into the broker's delay ladder, cancels them and reports their state.
 * Thread-safe: one instance per application, shared by all its threads. Close it to release its
 * broker connection and, once {@link #status} or {@link #cancel} opened it, the audit store's pool.
 * Build one with {@code com.jobladder.client.JobSchedulerBuilder}, or inject it through
 * {@code com.jobladder.client.JobSchedulerModule}.
 */
public interface JobScheduler extends AutoCloseable {

    /**
     * Publishes the job and returns once the broker confirmed it. Every failure is a
     * {@link ScheduleFailedException} carrying the job's id; scheduling the same request again is
     * safe, since the request keeps its id.
     *
     * @param job the job to schedule
     * @return the job's id, type and due instant, as the broker confirmed them
     * @throws InvalidRequestException when {@code job} is null
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
     *
     * @param job the job to schedule
     * @return a future completed with the job's id, type and due instant once the broker confirmed it, or
     *         failed with a {@link ScheduleFailedException} for the reasons {@link #schedule} lists
     * @throws InvalidRequestException when {@code job} is null
     */
    CompletableFuture<ScheduledJob> scheduleAsync(JobRequest job);

    /**
     * Publishes every job with pipelined confirms (many in flight at once, far faster than one
     * {@link #schedule} after another) and returns when each is confirmed or failed. Jobs are
     * independent: some may be scheduled while others fail; the result says which, with each
     * failed job's id.
     *
     * @param jobs the jobs to schedule; none may be null
     * @return the jobs confirmed and those not, by their position in {@code jobs}
     * @throws InvalidRequestException when {@code jobs} or one of its elements is null
     */
    BatchResult scheduleAll(List<JobRequest> jobs);

    /**
     * Schedules the jobs all or none, in one AMQP transaction. Slower than
     * {@link #scheduleAll}; see docs/guarantees.md for what "all or none" covers.
     *
     * @param jobs the jobs to schedule; none may be null
     * @return every job's id, type and due instant, in the order of {@code jobs}
     * @throws InvalidRequestException when {@code jobs} or one of its elements is null
     * @throws ScheduleFailedException when the batch was rolled back (nothing was scheduled) or the
     *                                 commit could not be confirmed
     */
    List<ScheduledJob> scheduleAllAtomically(List<JobRequest> jobs);

    /**
     * Shorthand for a job with a text payload after a delay, under a generated id:
     * {@code schedule(JobRequest.ofType(type).payload(payload).after(delay))}.
     *
     * @param type    the job type
     * @param payload the payload, sent as UTF-8
     * @param delay   zero or more
     * @return the job's id, type and due instant, as the broker confirmed them
     * @throws InvalidRequestException when an argument is invalid
     * @throws ScheduleFailedException for the reasons {@link #schedule(JobRequest)} lists
     */
    default ScheduledJob schedule(String type, String payload, Duration delay) {
        return schedule(JobRequest.ofType(type).payload(payload).after(delay));
    }

    /**
     * Publishes a message to a relay's delayed exchange with its {@code x-delay} header, and returns
     * once the broker confirmed it: from then on the message is safe, and a worker with the relay on
     * publishes it to the exchange's target when due, with its routing key, properties and body
     * (docs/migrating-from-delayed-message-plugin.md).
     *
     * @param message the message, its delayed exchange and its delay or due instant
     * @throws InvalidRequestException when {@code message} is null
     * @throws ScheduleFailedException when the delayed exchange does not exist (no worker declared it), the
     *                                 broker nacked the message, the connection is down or no confirm came
     *                                 within the timeout; the failure carries the message id, or a generated one
     */
    void delay(DelayedMessage message);

    /**
     * Schedules jobs in the application's own database transaction, through the outbox table that
     * {@code com.jobladder.client.JobSchedulerBuilder.outbox(DataSource)} named:
     * {@code scheduler.outbox().schedule(connection, job)}.
     *
     * @return the outbox, whose relay runs while this scheduler is open
     * @throws JobladderException when the scheduler was built without an outbox
     */
    JobOutbox outbox();

    /**
     * Writes a tombstone into the workers' audit store so that no worker runs the job: a worker
     * that receives it skips it and records {@link JobAttempt.Outcome#CANCELLED}. An attempt already
     * running is not interrupted. The first call opens the audit store
     * ({@code jobladder.audit.jdbc-url}); it never creates or migrates one.
     *
     * @param jobId the job's id
     * @return whether the job was cancelled now, before, or had already finished
     * @throws InvalidRequestException when the id is not a valid job id
     * @throws JobladderException      when the audit store cannot be opened or does not answer, or the scheduler
     *                                 is closed
     */
    CancelResult cancel(String jobId);

    /**
     * The job's state and every attempt the workers recorded for it, from their audit store. The
     * first call opens the audit store ({@code jobladder.audit.jdbc-url}); it never creates or
     * migrates one.
     *
     * @param jobId the job's id
     * @return its state and attempts; {@link JobState#PENDING} with no attempts for a job not yet run or an
     *         unknown id
     * @throws InvalidRequestException when the id is not a valid job id
     * @throws JobladderException      when the audit store cannot be opened or does not answer, or the scheduler
     *                                 is closed
     */
    JobStatus status(String jobId);

    /**
     * Stops the outbox relay (rows it has not published wait in the table for the next relay), then
     * closes the broker connection and the audit store's pool. Jobs already confirmed are safe in
     * the broker; a {@link #scheduleAsync} future still awaiting its confirm fails, its outcome
     * unknown (scheduling the same request again is safe).
     */
    @Override
    void close();
}
