package com.jobladder.handler;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a handler sees of the job it runs. Immutable: the payload array is copied in and out, so a
 * handler cannot change what another step of the execution sees.
 *
 * @param jobId        the job's id: the idempotency key to make the handler's effects idempotent on
 * @param type         the job type
 * @param payload      the payload as it travelled (a {@link TypedJobHandler} also receives it decoded)
 * @param contentType  the payload's MIME type, as the producer sent it
 * @param dueAt        the instant the job was due
 * @param attempt      1 for the first run, 2 for the first retry, and so on
 * @param scheduleName the cron schedule that fired the job, or null for a one-off job
 */
public record JobContext(
        String jobId,
        String type,
        byte[] payload,
        String contentType,
        Instant dueAt,
        int attempt,
        String scheduleName) {

    /**
     * Copies the payload; the worker builds contexts, tests of handlers may too.
     *
     * @param jobId        the job's id
     * @param type         the job type
     * @param payload      the payload, copied
     * @param contentType  the payload's MIME type
     * @param dueAt        the instant the job was due
     * @param attempt      the attempt, from 1
     * @param scheduleName the cron schedule that fired the job, or null
     */
    public JobContext {
        payload = payload.clone();
    }

    /**
     * The payload bytes, as a copy.
     *
     * @return a new array holding the payload
     */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * The payload read as UTF-8 text; bytes that are not UTF-8 become U+FFFD. A
     * {@link TypedJobHandler} of a {@link com.jobladder.api.JobType#text} type receives strictly
     * decoded text instead.
     *
     * @return the payload as text
     */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobContext that
                && jobId.equals(that.jobId)
                && type.equals(that.type)
                && Arrays.equals(payload, that.payload)
                && Objects.equals(contentType, that.contentType)
                && Objects.equals(dueAt, that.dueAt)
                && attempt == that.attempt
                && Objects.equals(scheduleName, that.scheduleName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, type, Arrays.hashCode(payload), contentType, dueAt, attempt, scheduleName);
    }

    @Override
    public String toString() {
        return "JobContext[jobId=" + jobId + ", type=" + type + ", payload=" + payload.length + " bytes, contentType="
                + contentType + ", dueAt=" + dueAt + ", attempt=" + attempt + ", scheduleName=" + scheduleName + "]";
    }
}
