package com.jobladder.bench.load;

import com.jobladder.bench.measure.DelayRange;
import java.time.Duration;

/**
 * An open-loop workload: jobs offered at {@code rate} per second for {@code duration}, each due
 * a uniform random time within {@code delays} after its submission, with a {@code payloadBytes}
 * payload.
 */
public record Workload(int rate, Duration duration, DelayRange delays, int payloadBytes) {
    public long jobs() {
        return rate * duration.toSeconds();
    }

    @Override
    public String toString() {
        return String.format(
                "%,d jobs/s for %d s (%,d jobs), delays uniform %s s, %d-byte payloads",
                rate, duration.toSeconds(), jobs(), delays, payloadBytes);
    }
}
