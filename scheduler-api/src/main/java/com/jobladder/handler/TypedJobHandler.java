package com.jobladder.handler;

import com.jobladder.api.JobType;

/**
 * Runs jobs of one {@link JobType}, receiving the decoded payload. A payload that does not decode
 * never reaches the handler: the job goes to the dead-job queue with the reason, unretried.
 * Otherwise as {@link JobHandler}: throwing or running past the type's timeout fails the attempt,
 * and a job may run again after a crash, so make its effects idempotent on {@link JobContext#jobId()}.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface TypedJobHandler<T> {
    void handle(T payload, JobContext job) throws Exception;
}
