package com.jobladder.api;

import java.time.Duration;
import java.time.Instant;

/**
 * One execution attempt as the audit log recorded it. Immutable.
 *
 * @param jobId        the job's id
 * @param attempt      1 for the first run, 2 for the first retry, and so on
 * @param type         the job type
 * @param scheduleName the cron schedule that fired the job, or null for a one-off job
 * @param dueAt        the instant the job was due
 * @param startedAt    when the worker started the attempt (for an attempt that never ran the handler, such as
 *                     a cancelled or skipped one, when the worker decided so)
 * @param finishedAt   when the attempt ended
 * @param outcome      how it ended
 * @param workerId     the worker that recorded it: {@code jobladder.worker.id}, by default host and process id
 * @param error        for a failed or dead attempt, the reason (the handler's exception, a timeout, an
 *                     undecodable payload); null otherwise
 * @param lateness     how long after {@code dueAt} the attempt started
 */
public record JobAttempt(
        String jobId,
        int attempt,
        String type,
        String scheduleName,
        Instant dueAt,
        Instant startedAt,
        Instant finishedAt,
        Outcome outcome,
        String workerId,
        String error,
        Duration lateness) {

    /** How an attempt ended. */
    public enum Outcome {
        /** The handler returned normally; the job is done and never runs again under this id. */
        SUCCEEDED,
        /** The handler threw or ran past its timeout; another attempt is scheduled with back-off. */
        FAILED,
        /** The last allowed attempt failed, or the payload did not decode: the job went to the dead-job queue. */
        DEAD,
        /** The job's id had already succeeded (a redelivery or a resubmission): the handler was not run. */
        DUPLICATE,
        /** The job was cancelled before it ran: the handler was not run. */
        CANCELLED,
        /** A cron fire not run because the previous run of its schedule was still going (overlap = forbid). */
        SKIPPED
    }
}
