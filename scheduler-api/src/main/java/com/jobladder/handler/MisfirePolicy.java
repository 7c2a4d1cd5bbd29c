package com.jobladder.handler;

import java.util.Locale;

/**
 * What the leader does with occurrences it missed (late by at least the schedule's
 * {@code misfire-threshold}), for example after every daemon was down. Named after Quartz's
 * misfire instructions and Kubernetes CronJob's catch-up behaviour.
 */
public enum MisfirePolicy {
    /** Run once now for all the missed occurrences (Quartz MISFIRE_INSTRUCTION_FIRE_ONCE_NOW); the default. */
    FIRE_ONCE_NOW,
    /** Drop the missed occurrences and wait for the next one (Quartz MISFIRE_INSTRUCTION_DO_NOTHING). */
    SKIP,
    /** Run every missed occurrence now, at most {@code misfire-cap} of them, the most recent ones. */
    FIRE_ALL;

    /**
     * How {@code conf/schedules.conf} spells this policy.
     *
     * @return {@code fire-once-now}, {@code skip} or {@code fire-all}
     */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
