package com.jobladder.handler;

import java.util.Locale;

/**
 * Whether a fire may start while the previous run of the same schedule is still running
 * (Kubernetes CronJob's {@code concurrencyPolicy}: Allow / Forbid). The cron leader only carries
 * it; the worker enforces it when it runs a job of the schedule.
 */
public enum OverlapPolicy {
    /** A fire starts whether or not the previous run of the schedule has finished; the default. */
    ALLOW,
    /** Skip (record as skipped) a fire while the previous run of the schedule has not finished. */
    FORBID;

    /**
     * How {@code conf/schedules.conf} spells this policy.
     *
     * @return {@code allow} or {@code forbid}
     */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
