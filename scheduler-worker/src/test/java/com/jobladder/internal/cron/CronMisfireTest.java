package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.handler.MisfirePolicy;
import com.jobladder.testsupport.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Downtime simulated with a settable clock: the leader last ran at 10:02, it is back at 13:00:20. */
class CronMisfireTest {
    private static final Instant CURSOR = Instant.parse("2026-11-23T10:02:00Z");
    private static final Instant BACK = Instant.parse("2026-11-23T13:00:20Z");
    private final SettableClock clock = new SettableClock(CURSOR);
    private final FirePlanner planner = new FirePlanner(Duration.ofSeconds(30), 1000);

    private static CronSchedule hourly(MisfirePolicy policy, int cap) {
        return CronSchedule.of("hourly", "0 * * * *", CronSyntax.UNIX, ZoneId.of("UTC"), "report")
                .withMisfire(policy, cap, Duration.ofMinutes(1));
    }

    private FirePlan.SchedulePlan afterDowntime(CronSchedule schedule) {
        clock.set(BACK);
        return planner.plan(schedule, Optional.of(CURSOR), clock.instant());
    }

    @Test
    void fire_once_now_runs_the_latest_missed_occurrence_once_and_now() {
        FirePlan.SchedulePlan plan = afterDowntime(hourly(MisfirePolicy.FIRE_ONCE_NOW, 10));
        assertThat(plan.missedAny()).isTrue();
        // 11:00 and 12:00 were missed: one run now, named after the latest; 13:00 is only 20 s late.
        assertThat(plan.fires())
                .extracting(Fire::jobId)
                .containsExactly("hourly@2026-11-23T12:00:00Z", "hourly@2026-11-23T13:00:00Z");
        assertThat(plan.fires().get(0).dueAt()).isEqualTo(BACK);
        assertThat(plan.fires().get(0).missed()).isTrue();
        assertThat(plan.cursor()).contains(Instant.parse("2026-11-23T13:00:00Z"));
    }

    @Test
    void a_fire_late_by_less_than_the_threshold_is_not_a_misfire() {
        FirePlan.SchedulePlan plan = afterDowntime(hourly(MisfirePolicy.SKIP, 10));
        // 13:00 is 20 s late with a 1 min threshold: it runs, on time, whatever the policy.
        assertThat(plan.fires()).singleElement().satisfies(fire -> {
            assertThat(fire.fireTime()).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
            assertThat(fire.missed()).isFalse();
        });
    }

    @Test
    void skip_drops_the_missed_occurrences_and_waits_for_the_next() {
        CronSchedule schedule = hourly(MisfirePolicy.SKIP, 10).withMisfire(MisfirePolicy.SKIP, 10, Duration.ZERO);
        FirePlan.SchedulePlan plan = afterDowntime(schedule);
        assertThat(plan.missedAny()).isTrue();
        assertThat(plan.fires()).isEmpty();
        assertThat(plan.cursor()).contains(BACK);
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        FirePlan.SchedulePlan next = planner.plan(schedule, plan.cursor(), clock.instant());
        assertThat(next.fires()).extracting(Fire::jobId).containsExactly("hourly@2026-11-23T14:00:00Z");
    }

    @Test
    void fire_all_runs_every_missed_occurrence_now() {
        FirePlan.SchedulePlan plan = afterDowntime(hourly(MisfirePolicy.FIRE_ALL, 10));
        assertThat(plan.fires())
                .extracting(Fire::jobId)
                .containsExactly(
                        "hourly@2026-11-23T11:00:00Z", "hourly@2026-11-23T12:00:00Z", "hourly@2026-11-23T13:00:00Z");
        assertThat(plan.fires().subList(0, 2)).allMatch(f -> f.dueAt().equals(BACK));
    }

    @Test
    void fire_all_keeps_only_the_most_recent_occurrences_up_to_the_cap() {
        FirePlan.SchedulePlan plan = afterDowntime(hourly(MisfirePolicy.FIRE_ALL, 1));
        assertThat(plan.fires())
                .extracting(Fire::jobId)
                .containsExactly("hourly@2026-11-23T12:00:00Z", "hourly@2026-11-23T13:00:00Z");
    }

    @Test
    void a_week_of_downtime_of_a_ten_second_schedule_is_resolved_quickly() {
        CronSchedule heartbeat = CronSchedule.of("hb", "*/10 * * * * ?", CronSyntax.QUARTZ, ZoneId.of("UTC"), "x")
                .withMisfire(MisfirePolicy.FIRE_ALL, 3, Duration.ofSeconds(5));
        clock.set(CURSOR.plus(Duration.ofDays(7)).plusSeconds(1));
        FirePlan.SchedulePlan plan = planner.plan(heartbeat, Optional.of(CURSOR), clock.instant());
        assertThat(plan.fires().stream().filter(Fire::missed)).hasSize(3);
    }
}
