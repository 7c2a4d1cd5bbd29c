package com.jobladder.internal.config;

import java.time.Duration;

/**
 * How long audit rows are kept, and how the old ones are deleted.
 *
 * @param enabled   false keeps every row forever
 * @param maxAge    rows older than this are deleted; a success marker that old no longer stops
 *                  the same job id, submitted again, from running again (cancel tombstones stay
 *                  until their job has arrived and been skipped)
 * @param interval  time between retention passes
 * @param chunkSize rows deleted per transaction, so no pass holds locks for long
 */
public record RetentionSettings(boolean enabled, Duration maxAge, Duration interval, int chunkSize) {}
