package com.jobladder.bench;

import java.time.Duration;

/**
 * An open-loop workload: jobs offered at {@code rate} per second for {@code duration}, each due
 * a uniform random time between {@code minDelay} and {@code maxDelay} after its submission,
 * with a {@code payloadBytes} payload.
 */
record Workload(int rate, Duration duration, Duration minDelay, Duration maxDelay, int payloadBytes) {
    long jobs() {
        return rate * duration.toSeconds();
    }

    @Override
    public String toString() {
        return String.format("%,d jobs/s for %d s (%,d jobs), delays uniform %d-%d s, %d-byte payloads", rate,
                duration.toSeconds(), jobs(), minDelay.toSeconds(), maxDelay.toSeconds(), payloadBytes);
    }
}
