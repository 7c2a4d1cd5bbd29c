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
 */
@FunctionalInterface
public interface JobHandler {
    void handle(JobContext job) throws Exception;

    /**
     * The handler the worker runs for a typed one: it decodes the payload with the type's codec,
     * then calls {@code handler}. A payload that does not decode ends the job dead, unretried.
     */
    static <T> JobHandler decoding(JobType<T> type, TypedJobHandler<T> handler) {
        InvalidRequestException.requireNonNull(type, "job type");
        return new DecodingHandler<>(type, InvalidRequestException.requireNonNull(handler,
                "handler of job type " + type.name()));
    }
}
