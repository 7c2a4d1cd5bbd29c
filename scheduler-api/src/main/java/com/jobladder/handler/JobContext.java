package com.jobladder.handler;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a handler sees of the job it runs. The payload array is copied in and out, so a handler
 * cannot change what another step of the execution sees.
 *
 * @param attempt      1 for the first run, 2 for the first retry, and so on
 * @param scheduleName the cron schedule that fired the job, or null for a one-off job
 */
public record JobContext(String jobId, String type, byte[] payload, String contentType, Instant dueAt, int attempt,
                         String scheduleName) {

    public JobContext {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobContext that && jobId.equals(that.jobId) && type.equals(that.type)
                && Arrays.equals(payload, that.payload) && Objects.equals(contentType, that.contentType)
                && Objects.equals(dueAt, that.dueAt) && attempt == that.attempt
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
