package com.jobladder.worker;

import com.jobladder.config.JobTypeSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": before attempt n+1 the job waits a random time between
 * half and all of {@code min(cap, base * 2^(n-1))}, so failures of many jobs at once do not
 * come back at once.
 */
final class RetryPolicy {
    private RetryPolicy() {
    }

    static Duration backoff(JobTypeSettings settings, int failedAttempt) {
        long base = settings.backoffBase().toMillis();
        long cap = settings.backoffCap().toMillis();
        int shift = Math.min(failedAttempt - 1, 30);
        long ceiling = Math.min(cap, base << shift < 0 ? cap : base << shift);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    static int maxAttempts(JobTypeSettings settings, Integer perJobOverride) {
        return perJobOverride != null ? perJobOverride : settings.maxAttempts();
    }
}
