package com.jobladder.amqp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A job as it travels through the broker. See docs/wire-format.md for how each field is carried.
 *
 * @param scheduleName the cron schedule that fired it, or null for a one-off job
 * @param maxAttempts  per-job override of the type's attempt limit, or null
 */
public record Envelope(String jobId, String type, byte[] payload, String contentType, Instant dueAt, int attempt,
                       Instant submittedAt, String scheduleName, Integer maxAttempts) {

    public Envelope {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " must be at least 1");
        }
        dueAt = wholeMillisUp(dueAt);
    }

    /**
     * The wire carries due-at in whole milliseconds and workers hold a job until exactly that
     * instant: rounding up here makes the due time the submitter is told the one the worker
     * keeps, and never earlier than the one asked for.
     */
    private static Instant wholeMillisUp(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return millis.equals(instant) ? instant : millis.plusMillis(1);
    }

    /** The same job, due again at {@code newDueAt} as attempt {@code nextAttempt}. */
    public Envelope retry(int nextAttempt, Instant newDueAt) {
        return new Envelope(jobId, type, payload, contentType, newDueAt, nextAttempt, submittedAt, scheduleName,
                maxAttempts);
    }
}
