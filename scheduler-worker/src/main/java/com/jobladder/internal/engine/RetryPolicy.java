package com.jobladder.internal.engine;

import com.jobladder.internal.concurrent.Backoff;
import com.jobladder.internal.config.JobTypeSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": before attempt n+1 the job waits a random time between
 * half and all of {@code min(cap, base * 2^(n-1))}, so failures of many jobs at once do not
 * come back at once.
 */
final class RetryPolicy {
    private RetryPolicy() {}

    static Duration backoff(JobTypeSettings settings, int failedAttempt) {
        long ceiling = Backoff.doubled(settings.backoffBase(), failedAttempt - 1, settings.backoffCap())
                .toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    static int maxAttempts(JobTypeSettings settings, Integer perJobOverride) {
        return perJobOverride != null ? perJobOverride : settings.maxAttempts();
    }
}
