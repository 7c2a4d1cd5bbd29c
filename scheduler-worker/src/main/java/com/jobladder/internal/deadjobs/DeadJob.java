package com.jobladder.internal.deadjobs;

import java.time.Instant;

/**
 * A message in the dead-job queue, as an operator sees it.
 *
 * @param dueAt   null when the message is poison and has no readable envelope
 * @param attempt the attempt that failed last, or 0 for poison
 */
public record DeadJob(String jobId, String type, Instant dueAt, int attempt, String reason, int payloadBytes) {}
