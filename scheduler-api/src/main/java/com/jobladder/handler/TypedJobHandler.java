package com.jobladder.handler;

import com.jobladder.api.JobType;

/**
 * Runs jobs of one {@link JobType}, receiving the decoded payload. A payload that does not decode
 * never reaches the handler: the job goes to the dead-job queue with the reason, unretried.
 * Otherwise as {@link JobHandler}: throwing or running past the type's timeout fails the attempt,
 * and a job may run again after a crash, so make its effects idempotent on {@link JobContext#jobId()}.
 * One instance serves every job of its type from several handler threads at once: it must be
 * thread-safe.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface TypedJobHandler<T> {
    /**
     * Runs one attempt of a job. Returning normally records it as succeeded.
     *
     * @param payload the payload, decoded with the type's codec; never null
     * @param job     the job: id, type, raw payload, due time, attempt number
     * @throws Exception to fail the attempt: the job is retried with backoff while it has attempts left,
     *                   and its message is recorded as the attempt's error
     */
    void handle(T payload, JobContext job) throws Exception;
}
