package com.jobladder.worker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What a handler sees of the job it runs.
 *
 * @param attempt      1 for the first run, 2 for the first retry, and so on
 * @param scheduleName the cron schedule that fired the job, or null for a one-off job
 */
public record JobContext(String jobId, String type, byte[] payload, String contentType, Instant dueAt, int attempt,
                         String scheduleName) {

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
