package com.jobladder.internal.cron;

import com.jobladder.api.JobIds;
import java.time.Instant;

/**
 * One occurrence to publish.
 *
 * @param fireTime the occurrence, which names the job: {@code schedule@fire-time}
 * @param dueAt    when the job should run: the fire time, or now for a missed occurrence
 */
public record Fire(CronSchedule schedule, Instant fireTime, Instant dueAt, String jobId) {

    public Fire {
        JobIds.requireValid(jobId);
    }

    static Fire onTime(CronSchedule schedule, Instant fireTime) {
        return new Fire(schedule, fireTime, fireTime, jobId(schedule.name(), fireTime));
    }

    static Fire late(CronSchedule schedule, Instant fireTime, Instant now) {
        return new Fire(schedule, fireTime, now, jobId(schedule.name(), fireTime));
    }

    /** {@code nightly-report@2026-11-23T02:00:00Z}: the same occurrence always gets the same id. */
    public static String jobId(String scheduleName, Instant fireTime) {
        return scheduleName + "@" + fireTime;
    }

    /**
     * {@code nightly-report@manual-2026-11-23T09:15:02.417Z}: a fire asked for by hand at {@code at}, never
     * the id of a cron occurrence, so it runs even when the occurrence of that time already ran.
     */
    public static String manualJobId(String scheduleName, Instant at) {
        return scheduleName + "@manual-" + at;
    }

    public boolean missed() {
        return !dueAt.equals(fireTime);
    }
}
