package com.jobladder.internal.cron;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pure heart of the cron leader: given the schedules, their cursors, the time and the
 * horizon, which occurrences to publish now and where each cursor moves. No I/O, no clock.
 *
 * <p>The cursor of a schedule means "every occurrence up to here has been handled" (published,
 * or dropped by the misfire policy or because the schedule was disabled). A schedule without a
 * cursor is new: it starts now and never fires its past.
 */
final class FirePlanner {
    /** At most this many ahead-of-time fires per schedule and tick; the next tick continues. */
    static final int DEFAULT_MAX_FIRES_PER_TICK = 1000;

    private final Duration horizon;
    private final int maxFiresPerTick;
    private final Map<CronSchedule, FireTimes> times = new ConcurrentHashMap<>();

    FirePlanner(Duration horizon, int maxFiresPerTick) {
        if (horizon.isNegative()) {
            throw new IllegalArgumentException("cron horizon " + horizon + " is invalid: expected zero or more");
        }
        if (maxFiresPerTick < 1) {
            throw new IllegalArgumentException("max fires per tick " + maxFiresPerTick + " must be at least 1");
        }
        this.horizon = horizon;
        this.maxFiresPerTick = maxFiresPerTick;
    }

    FirePlan plan(List<CronSchedule> schedules, Map<String, Instant> cursors, Instant now) {
        times.keySet().retainAll(schedules);
        List<FirePlan.SchedulePlan> plans = new ArrayList<>();
        for (CronSchedule schedule : schedules) {
            plans.add(plan(schedule, Optional.ofNullable(cursors.get(schedule.name())), now));
        }
        return new FirePlan(now, plans);
    }

    FirePlan.SchedulePlan plan(CronSchedule schedule, Optional<Instant> cursor, Instant now) {
        if (!schedule.enabled()) {
            // Time passes over a disabled schedule: enabling it again does not count as a misfire.
            Instant position = cursor.filter(c -> c.isAfter(now)).orElse(now);
            return new FirePlan.SchedulePlan(schedule, List.of(), Optional.of(position), false);
        }
        FireTimes fireTimes = times.computeIfAbsent(schedule, FireTimes::of);
        List<Fire> fires = new ArrayList<>();
        Instant position = cursor.orElse(now);
        boolean missedAny = false;
        if (position.isBefore(MisfireResolver.cutoff(schedule, now))) {
            MisfireResolver.Resolution resolution = MisfireResolver.resolve(schedule, fireTimes, position, now);
            fires.addAll(resolution.fires());
            position = resolution.cursor();
            missedAny = resolution.missedAny();
        }
        List<Instant> upcoming = fireTimes.between(position, now.plus(horizon), maxFiresPerTick);
        upcoming.forEach(at -> fires.add(Fire.onTime(schedule, at)));
        if (!upcoming.isEmpty()) {
            position = upcoming.get(upcoming.size() - 1);
        }
        Optional<Instant> after =
                cursor.isEmpty() && fires.isEmpty() && !missedAny ? Optional.empty() : Optional.of(position);
        return new FirePlan.SchedulePlan(schedule, fires, after, missedAny);
    }

    /** The fire times of a schedule, parsed once per definition. */
    FireTimes fireTimes(CronSchedule schedule) {
        return times.computeIfAbsent(schedule, FireTimes::of);
    }
}
