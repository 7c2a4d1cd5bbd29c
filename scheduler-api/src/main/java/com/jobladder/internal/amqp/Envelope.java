package com.jobladder.internal.amqp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * A job as it travels through the broker. See docs/wire-format.md for how each field is carried.
 * The payload array is copied in and out: an envelope never changes once built.
 *
 * @param scheduleName the cron schedule that fired it, or null for a one-off job
 * @param maxAttempts  per-job override of the type's attempt limit, or null
 */
public record Envelope(
        String jobId,
        String type,
        byte[] payload,
        String contentType,
        Instant dueAt,
        int attempt,
        Instant submittedAt,
        String scheduleName,
        Integer maxAttempts) {

    public Envelope {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " must be at least 1");
        }
        payload = payload.clone();
        dueAt = wholeMillisUp(dueAt);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload's size, without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Envelope that
                && jobId.equals(that.jobId)
                && type.equals(that.type)
                && Arrays.equals(payload, that.payload)
                && Objects.equals(contentType, that.contentType)
                && dueAt.equals(that.dueAt)
                && attempt == that.attempt
                && Objects.equals(submittedAt, that.submittedAt)
                && Objects.equals(scheduleName, that.scheduleName)
                && Objects.equals(maxAttempts, that.maxAttempts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                jobId,
                type,
                Arrays.hashCode(payload),
                contentType,
                dueAt,
                attempt,
                submittedAt,
                scheduleName,
                maxAttempts);
    }

    @Override
    public String toString() {
        return "Envelope[jobId=" + jobId + ", type=" + type + ", payload=" + payload.length + " bytes, contentType="
                + contentType + ", dueAt=" + dueAt + ", attempt=" + attempt + ", submittedAt=" + submittedAt
                + ", scheduleName=" + scheduleName + ", maxAttempts=" + maxAttempts + "]";
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
        return new Envelope(
                jobId, type, payload, contentType, newDueAt, nextAttempt, submittedAt, scheduleName, maxAttempts);
    }
}
