package com.jobladder.api;

import java.time.Instant;

/** What the broker confirmed: the job's id and the instant it is due. */
public record ScheduledJob(String id, String type, Instant dueAt) {
}
