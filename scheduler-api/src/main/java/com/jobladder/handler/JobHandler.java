package com.jobladder.handler;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobType;

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

    /**
     * The handler the worker runs for a typed one: it decodes the payload with the type's codec,
     * then calls {@code handler}. A payload that does not decode ends the job dead, unretried.
     *
     * @param <T>     the payload type
     * @param type    the job type, whose codec decodes the payload
     * @param handler the handler of the decoded payload
     * @return the handler of the payload bytes
     * @throws InvalidRequestException when {@code type} or {@code handler} is null
     */
    static <T> JobHandler decoding(JobType<T> type, TypedJobHandler<T> handler) {
        InvalidRequestException.requireNonNull(type, "job type");
        return new DecodingHandler<>(
                type, InvalidRequestException.requireNonNull(handler, "handler of job type " + type.name()));
    }
}
