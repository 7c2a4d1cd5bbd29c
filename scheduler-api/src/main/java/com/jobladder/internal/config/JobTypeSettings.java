package com.jobladder.internal.config;

import java.time.Duration;

/**
 * Retry, timeout and concurrency rules of one job type.
 *
 * @param concurrency handler threads for this type on one worker
 * @param holdBudget  early deliveries of this type one worker holds until due, on top of its prefetch
 */
public record JobTypeSettings(
        int maxAttempts, Duration backoffBase, Duration backoffCap, Duration timeout, int concurrency, int holdBudget) {

    public JobTypeSettings withConcurrency(int newConcurrency) {
        return new JobTypeSettings(maxAttempts, backoffBase, backoffCap, timeout, newConcurrency, holdBudget);
    }
}
