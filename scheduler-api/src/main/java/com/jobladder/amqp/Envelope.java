package com.jobladder.amqp;

import java.time.Instant;

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
    }

    /** The same job, due again at {@code newDueAt} as attempt {@code nextAttempt}. */
    public Envelope retry(int nextAttempt, Instant newDueAt) {
        return new Envelope(jobId, type, payload, contentType, newDueAt, nextAttempt, submittedAt, scheduleName,
                maxAttempts);
    }
}
