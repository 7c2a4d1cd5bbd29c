package com.jobladder.internal.cron;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The next fire times of a schedule, for listings (the CLI's and the dashboard's). */
public final class NextFires {
    private NextFires() {}

    /** Up to {@code count} fires after {@code after}, oldest first; fewer when the expression stops firing. */
    public static List<Instant> of(CronSchedule schedule, Instant after, int count) {
        List<Instant> fires = new ArrayList<>(count);
        FireTimes times = FireTimes.of(schedule);
        Instant at = after;
        while (fires.size() < count) {
            Optional<Instant> next = times.next(at);
            if (next.isEmpty()) {
                break;
            }
            at = next.get();
            fires.add(at);
        }
        return fires;
    }
}
