package com.jobladder.api;

import java.time.Duration;
import java.time.Instant;

/** One execution attempt as the audit log recorded it. */
public record JobAttempt(String jobId, int attempt, String type, String scheduleName, Instant dueAt,
                         Instant startedAt, Instant finishedAt, Outcome outcome, String workerId,
                         String error, Duration lateness) {

    public enum Outcome {
        SUCCEEDED, FAILED, DEAD, DUPLICATE, CANCELLED,
        /** A cron fire not run because the previous run of its schedule was still going (overlap = forbid). */
        SKIPPED
    }
}
