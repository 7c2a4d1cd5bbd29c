package com.jobladder.internal.cron;

import com.jobladder.handler.MisfirePolicy;
import java.time.Instant;
import java.util.List;

/**
 * Decides what to do with the occurrences a schedule missed: those after its cursor that are late
 * by at least its {@code misfire-threshold}. A fire late by less than the threshold is not a
 * misfire; {@link FirePlanner} publishes it like any other.
 */
final class MisfireResolver {

    /**
     * @param fires  the occurrences in {@code (cursor, now - threshold]} that matter, oldest first:
     *               the last one for skip and fire-once-now, the last {@code misfire-cap} for fire-all
     * @param cursor the position after them, so they are not considered again
     */
    record Resolution(List<Fire> fires, Instant cursor, boolean missedAny) {}

    private MisfireResolver() {}

    static Instant cutoff(CronSchedule schedule, Instant now) {
        return now.minus(schedule.misfireThreshold());
    }

    /** Assumes {@code cursor} is before {@link #cutoff}; returns fires due now and the cursor after them. */
    static Resolution resolve(CronSchedule schedule, FireTimes times, Instant cursor, Instant now) {
        Instant cutoff = cutoff(schedule, now);
        int wanted = schedule.misfire() == MisfirePolicy.FIRE_ALL ? schedule.misfireCap() : 1;
        List<Instant> missed = times.lastUpTo(cursor, cutoff, wanted);
        if (missed.isEmpty()) {
            return new Resolution(List.of(), cutoff, false);
        }
        List<Fire> fires = switch (schedule.misfire()) {
            case SKIP -> List.of();
            case FIRE_ONCE_NOW, FIRE_ALL ->
                missed.stream().map(at -> Fire.late(schedule, at, now)).toList();
        };
        return new Resolution(fires, cutoff, true);
    }
}
