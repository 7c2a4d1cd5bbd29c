package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirePlannerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
    private final FirePlanner planner = new FirePlanner(Duration.ofMinutes(2), 1000);

    private static CronSchedule everyMinute(String name) {
        return CronSchedule.of(name, "* * * * *", CronSyntax.UNIX, ZoneId.of("UTC"), "report");
    }

    private static List<Instant> fireTimes(FirePlan.SchedulePlan plan) {
        return plan.fires().stream().map(Fire::fireTime).toList();
    }

    @Test
    void a_new_schedule_publishes_the_fires_within_the_horizon_and_never_its_past() {
        FirePlan.SchedulePlan plan = planner.plan(everyMinute("m"), Optional.empty(), NOW);
        assertThat(fireTimes(plan))
                .containsExactly(Instant.parse("2026-11-23T10:01:00Z"), Instant.parse("2026-11-23T10:02:00Z"));
        assertThat(plan.fires()).allMatch(f -> f.dueAt().equals(f.fireTime()));
        assertThat(plan.cursor()).contains(Instant.parse("2026-11-23T10:02:00Z"));
    }

    @Test
    void job_ids_are_the_schedule_name_and_the_utc_fire_time() {
        CronSchedule nightly =
                CronSchedule.of("nightly-report", "0 2 * * *", CronSyntax.UNIX, ZoneId.of("Europe/Berlin"), "report");
        FirePlan.SchedulePlan plan = new FirePlanner(Duration.ofDays(1), 10)
                .plan(nightly, Optional.empty(), Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(plan.fires()).extracting(Fire::jobId).containsExactly("nightly-report@2026-11-23T01:00:00Z");
    }

    @Test
    void a_cursor_already_ahead_publishes_only_what_follows_it() {
        FirePlan.SchedulePlan plan =
                planner.plan(everyMinute("m"), Optional.of(Instant.parse("2026-11-23T10:01:00Z")), NOW);
        assertThat(fireTimes(plan)).containsExactly(Instant.parse("2026-11-23T10:02:00Z"));
    }

    @Test
    void a_fire_late_by_less_than_the_threshold_is_published_as_usual() {
        // Cursor 10:00:00, the 10:00:00 fire was published; the leader paused until 10:01:30.
        Instant now = Instant.parse("2026-11-23T10:01:30Z");
        FirePlan.SchedulePlan plan =
                planner.plan(everyMinute("m"), Optional.of(Instant.parse("2026-11-23T10:00:00Z")), now);
        assertThat(plan.missedAny()).isFalse();
        assertThat(plan.fires().get(0)).isEqualTo(Fire.onTime(everyMinute("m"), Instant.parse("2026-11-23T10:01:00Z")));
    }

    @Test
    void nothing_to_do_for_a_new_schedule_that_fires_beyond_the_horizon_leaves_it_without_cursor() {
        CronSchedule yearly = CronSchedule.of("y", "@yearly", CronSyntax.UNIX, ZoneId.of("UTC"), "x");
        assertThat(planner.plan(yearly, Optional.empty(), NOW).cursor()).isEmpty();
    }

    @Test
    void a_disabled_schedule_fires_nothing_and_its_cursor_follows_the_time() {
        FirePlan.SchedulePlan plan = planner.plan(
                everyMinute("m").withEnabled(false), Optional.of(Instant.parse("2026-11-20T00:00:00Z")), NOW);
        assertThat(plan.fires()).isEmpty();
        assertThat(plan.cursor()).contains(NOW);
    }

    @Test
    void a_plan_covers_every_schedule_and_reports_the_new_cursors() {
        FirePlan plan = planner.plan(
                List.of(everyMinute("a"), everyMinute("b")), Map.of("a", Instant.parse("2026-11-23T10:02:00Z")), NOW);
        assertThat(plan.allFires())
                .extracting(Fire::jobId)
                .containsExactly("b@2026-11-23T10:01:00Z", "b@2026-11-23T10:02:00Z");
        assertThat(plan.cursors())
                .isEqualTo(
                        Map.of("a", Instant.parse("2026-11-23T10:02:00Z"), "b", Instant.parse("2026-11-23T10:02:00Z")));
    }

    @Test
    void fires_per_tick_are_capped_and_the_next_tick_continues_from_the_cursor() {
        CronSchedule everySecond = CronSchedule.of("s", "* * * * * ?", CronSyntax.QUARTZ, ZoneId.of("UTC"), "x");
        FirePlanner small = new FirePlanner(Duration.ofMinutes(1), 5);
        FirePlan.SchedulePlan first = small.plan(everySecond, Optional.empty(), NOW);
        assertThat(first.fires()).hasSize(5);
        FirePlan.SchedulePlan second = small.plan(everySecond, first.cursor(), NOW);
        assertThat(second.fires().get(0).fireTime())
                .isEqualTo(first.cursor().orElseThrow().plusSeconds(1));
    }
}
