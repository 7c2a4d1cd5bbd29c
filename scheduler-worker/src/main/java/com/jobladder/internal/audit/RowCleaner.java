package com.jobladder.internal.audit;

import com.jobladder.api.JobAttempt;
import com.jobladder.internal.amqp.SafeText;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes a refused attempt row as acceptable as it can be to any database JobLadder supports:
 * every text escaped (no NUL or other control character) and cut to its column, timestamps
 * clamped to {@link AuditColumns#EARLIEST}..{@link AuditColumns#LATEST}, the lateness recomputed
 * from the clamped times. The error text starts with a note that the row was cleaned and why.
 */
final class RowCleaner {
    /** How much of the database's reason the note keeps. */
    private static final int NOTE_REASON_CHARS = 300;

    private RowCleaner() {}

    static JobAttempt clean(JobAttempt attempt, String refusal) {
        Instant dueAt = clamp(attempt.dueAt());
        Instant startedAt = clamp(attempt.startedAt());
        String note = "[audit row cleaned: " + SafeText.capped(refusal, NOTE_REASON_CHARS) + "]";
        String error = attempt.error() == null ? note : note + " " + SafeText.escaped(attempt.error());
        return new JobAttempt(
                text(attempt.jobId(), AuditColumns.JOB_ID),
                attempt.attempt(),
                text(attempt.type(), AuditColumns.JOB_TYPE),
                text(attempt.scheduleName(), AuditColumns.SCHEDULE_NAME),
                dueAt,
                startedAt,
                clamp(attempt.finishedAt()),
                attempt.outcome(),
                text(attempt.workerId(), AuditColumns.WORKER_ID),
                text(error, AuditColumns.ERROR),
                dueAt == null || startedAt == null ? Duration.ZERO : Duration.between(dueAt, startedAt));
    }

    private static String text(String value, int width) {
        if (value == null) {
            return null;
        }
        String escaped = SafeText.escaped(value);
        return escaped.substring(0, SafeText.cutPoint(escaped, width));
    }

    private static Instant clamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        if (instant.isBefore(AuditColumns.EARLIEST)) {
            return AuditColumns.EARLIEST;
        }
        return instant.isAfter(AuditColumns.LATEST) ? AuditColumns.LATEST : instant;
    }
}
