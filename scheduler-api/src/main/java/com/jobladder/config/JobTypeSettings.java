package com.jobladder.config;

import java.time.Duration;

/**
 * Retry, timeout and concurrency rules of one job type.
 *
 * @param concurrency handler threads for this type on one worker
 */
public record JobTypeSettings(int maxAttempts, Duration backoffBase, Duration backoffCap, Duration timeout,
                              int concurrency) {
}
