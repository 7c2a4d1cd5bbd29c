package com.jobladder.internal.concurrent;

import java.time.Duration;

/** The one place a wait doubles: retries of jobs, hand-backs, consumer recovery, store outages. */
public final class Backoff {
    private Backoff() {}

    /** {@code base} doubled {@code times} times, never more than {@code cap}; no overflow however large {@code times}. */
    public static Duration doubled(Duration base, int times, Duration cap) {
        Duration wait = base;
        for (int i = 0; i < times && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
