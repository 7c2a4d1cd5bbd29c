package com.jobladder.internal.cron;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What one cron tick publishes, schedule by schedule, and where each cursor stands afterwards. */
public record FirePlan(Instant now, List<SchedulePlan> schedules) {

    public FirePlan {
        schedules = List.copyOf(schedules);
    }

    /**
     * @param fires     to publish, in order; the cursor may advance past one only after its confirm
     * @param cursor    the cursor once every fire is confirmed; empty when the schedule has none yet
     *                  and nothing happened
     * @param missedAny whether missed occurrences were found (fired or skipped per the policy)
     */
    public record SchedulePlan(CronSchedule schedule, List<Fire> fires, Optional<Instant> cursor, boolean missedAny) {
        public SchedulePlan {
            fires = List.copyOf(fires);
        }
    }

    public List<Fire> allFires() {
        return schedules.stream().flatMap(s -> s.fires().stream()).toList();
    }

    /** The cursors after the tick, by schedule name, for schedules that have one. */
    public Map<String, Instant> cursors() {
        Map<String, Instant> cursors = new TreeMap<>();
        schedules.forEach(
                s -> s.cursor().ifPresent(at -> cursors.put(s.schedule().name(), at)));
        return cursors;
    }
}
