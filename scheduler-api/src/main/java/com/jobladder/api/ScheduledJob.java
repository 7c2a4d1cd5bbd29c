package com.jobladder.api;

import java.time.Instant;

/**
 * What the broker confirmed: the job's id and the instant it is due. Immutable.
 *
 * @param id    the job's id: the request's, or the one generated for it
 * @param type  the job type
 * @param dueAt the instant the job is due; a relative delay is resolved against the scheduler's clock when it
 *              was scheduled
 */
public record ScheduledJob(String id, String type, Instant dueAt) {}
