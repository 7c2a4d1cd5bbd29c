package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireTimesDstTest {

    private static FireTimes times(String cron, CronSyntax syntax, String zone) {
        return FireTimes.of(CronSchedule.of("dst", cron, syntax, ZoneId.of(zone), "report"));
    }

    private static List<Instant> fires(String cron, String zone, String after, String until) {
        return times(cron, CronSyntax.UNIX, zone).between(Instant.parse(after), Instant.parse(until), 100);
    }

    private static List<Instant> instants(String... texts) {
        return java.util.Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void berlin_daily_fire_inside_the_spring_forward_gap_runs_once_at_the_end_of_the_gap() {
        // 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00Z): 02:30 does not exist that day.
        assertThat(fires("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-31T00:00:00Z"))
                .isEqualTo(instants("2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"));
    }

    @Test
    void cron_utils_alone_skips_the_gap_fire_which_is_why_fire_times_corrects_it() {
        var cron = CronExpressions.parse(CronSyntax.UNIX, "30 2 * * *");
        ZonedDateTime from = ZonedDateTime.parse("2026-03-28T12:00:00+01:00[Europe/Berlin]");
        assertThat(ExecutionTime.forCron(cron).nextExecution(from).orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void berlin_fixed_time_fires_in_the_gap_collapse_into_one_fire_at_the_end_of_the_gap() {
        // 0,30 2 is fixed-time (no * or / in minute and hour): 02:00 and 02:30 both fall in the gap.
        assertThat(fires("0,30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-30T01:00:00Z"))
                .isEqualTo(instants("2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z", "2026-03-30T00:30:00Z"));
    }

    @Test
    void berlin_wildcard_fires_in_the_gap_are_dropped() {
        // */30 is wildcard: 02:00 and 02:30 CET do not exist, 03:00 CEST fires as on any day.
        assertThat(fires("*/30 * * * *", "Europe/Berlin", "2026-03-29T00:00:00Z", "2026-03-29T01:30:00Z"))
                .isEqualTo(instants("2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"));
        assertThat(fires("*/15 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-30T00:20:00Z"))
                .isEqualTo(instants("2026-03-30T00:00:00Z", "2026-03-30T00:15:00Z"));
    }

    @Test
    void quartz_fixed_time_fire_in_the_gap_runs_at_the_end_of_the_gap_and_a_wildcard_one_does_not() {
        assertThat(times("0 30 2 * * ?", CronSyntax.QUARTZ, "Europe/Berlin")
                        .next(Instant.parse("2026-03-28T12:00:00Z")))
                .contains(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(times("0 */30 2 * * ?", CronSyntax.QUARTZ, "Europe/Berlin")
                        .next(Instant.parse("2026-03-28T12:00:00Z")))
                .contains(Instant.parse("2026-03-30T00:00:00Z"));
    }

    @Test
    void berlin_every_ten_seconds_runs_straight_through_the_gap() {
        FireTimes times = times("*/10 * * * * ?", CronSyntax.QUARTZ, "Europe/Berlin");
        assertThat(times.between(Instant.parse("2026-03-29T00:59:40Z"), Instant.parse("2026-03-29T01:00:20Z"), 10))
                .isEqualTo(instants(
                        "2026-03-29T00:59:50Z",
                        "2026-03-29T01:00:00Z",
                        "2026-03-29T01:00:10Z",
                        "2026-03-29T01:00:20Z"));
    }

    @Test
    void berlin_daily_fire_in_the_fall_back_overlap_runs_once() {
        // 2026-10-25 03:00 CEST falls back to 02:00 CET (01:00Z): 02:30 happens twice.
        assertThat(fires("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", "2026-10-26T12:00:00Z"))
                .isEqualTo(instants("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
    }

    @Test
    void berlin_daily_fire_is_not_repeated_when_asked_from_inside_the_second_pass() {
        assertThat(times("30 2 * * *", CronSyntax.UNIX, "Europe/Berlin").next(Instant.parse("2026-10-25T01:10:00Z")))
                .contains(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void berlin_fixed_time_fires_in_the_overlap_run_only_in_the_first_pass() {
        assertThat(fires("0,15,30,45 2 * * *", "Europe/Berlin", "2026-10-24T23:59:00Z", "2026-10-25T03:00:00Z"))
                .isEqualTo(instants(
                        "2026-10-25T00:00:00Z",
                        "2026-10-25T00:15:00Z",
                        "2026-10-25T00:30:00Z",
                        "2026-10-25T00:45:00Z"));
    }

    @Test
    void berlin_wildcard_fires_in_the_overlap_run_in_both_passes_even_with_a_fixed_hour() {
        // */15 makes the expression wildcard although its hour is fixed: cronie runs it in both passes.
        assertThat(fires("*/15 2 * * *", "Europe/Berlin", "2026-10-24T23:59:00Z", "2026-10-25T03:00:00Z"))
                .isEqualTo(instants(
                        "2026-10-25T00:00:00Z",
                        "2026-10-25T00:15:00Z",
                        "2026-10-25T00:30:00Z",
                        "2026-10-25T00:45:00Z",
                        "2026-10-25T01:00:00Z",
                        "2026-10-25T01:15:00Z",
                        "2026-10-25T01:30:00Z",
                        "2026-10-25T01:45:00Z"));
    }

    @Test
    void berlin_every_hour_schedules_follow_elapsed_time_through_the_overlap() {
        assertThat(fires("0,30 * * * *", "Europe/Berlin", "2026-10-24T23:59:00Z", "2026-10-25T02:00:00Z"))
                .isEqualTo(instants(
                        "2026-10-25T00:00:00Z",
                        "2026-10-25T00:30:00Z",
                        "2026-10-25T01:00:00Z",
                        "2026-10-25T01:30:00Z",
                        "2026-10-25T02:00:00Z"));
    }

    @Test
    void new_york_daily_fire_inside_the_spring_forward_gap_runs_once_at_three_o_clock() {
        // 2026-03-08 02:00 EST jumps to 03:00 EDT (07:00Z).
        assertThat(fires("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z"))
                .isEqualTo(instants("2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"));
    }

    @Test
    void new_york_daily_fire_in_the_fall_back_overlap_runs_once() {
        // 2026-11-01 02:00 EDT falls back to 01:00 EST (06:00Z): 01:30 happens twice.
        assertThat(fires("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z"))
                .isEqualTo(instants("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
    }

    @Test
    void lord_howe_daily_fire_in_the_thirty_minute_gap_runs_once_at_half_past_two() {
        // 2026-10-04 02:00 +10:30 jumps to 02:30 +11:00 (2026-10-03T15:30Z).
        assertThat(fires("15 2 * * *", "Australia/Lord_Howe", "2026-10-02T12:00:00Z", "2026-10-05T00:00:00Z"))
                .isEqualTo(instants("2026-10-02T15:45:00Z", "2026-10-03T15:30:00Z", "2026-10-04T15:15:00Z"));
    }

    @Test
    void lord_howe_wildcard_fires_in_the_thirty_minute_gap_are_dropped() {
        assertThat(fires("*/10 2 * * *", "Australia/Lord_Howe", "2026-10-03T12:00:00Z", "2026-10-04T12:00:00Z"))
                .isEqualTo(instants("2026-10-03T15:30:00Z", "2026-10-03T15:40:00Z", "2026-10-03T15:50:00Z"));
    }

    @Test
    void lord_howe_daily_fire_in_the_thirty_minute_overlap_runs_once() {
        // 2026-04-05 02:00 +11:00 falls back to 01:30 +10:30 (2026-04-04T15:00Z): 01:45 happens twice.
        assertThat(fires("45 1 * * *", "Australia/Lord_Howe", "2026-04-03T16:00:00Z", "2026-04-05T16:00:00Z"))
                .isEqualTo(instants("2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z"));
    }

    @Test
    void a_schedule_that_can_never_fire_has_no_next_fire() {
        assertThat(times("0 2 30 2 *", CronSyntax.UNIX, "UTC").next(Instant.parse("2026-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void the_last_fires_before_a_time_are_found_without_walking_a_long_downtime() {
        FireTimes everySecond = times("* * * * * ?", CronSyntax.QUARTZ, "UTC");
        assertThat(everySecond.lastUpTo(
                        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), 2))
                .isEqualTo(instants("2026-02-28T23:59:59Z", "2026-03-01T00:00:00Z"));
    }

    @Test
    void an_every_second_schedule_crosses_both_transitions_with_every_real_second() {
        FireTimes times = times("* * * * * ?", CronSyntax.QUARTZ, "Europe/Berlin");
        List<Instant> fall =
                times.between(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T02:00:00Z"), 10_000);
        List<Instant> spring =
                times.between(Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"), 10_000);
        assertThat(fall).hasSize(7200).doesNotHaveDuplicates().isSorted();
        assertThat(spring).hasSize(3600).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void a_fixed_time_quartz_schedule_asked_from_the_second_pass_moves_on_to_the_next_day() {
        FireTimes times = times("0 30 2 * * ?", CronSyntax.QUARTZ, "Europe/Berlin");
        assertThat(times.next(Instant.parse("2026-10-25T01:10:00Z"))).contains(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void a_wildcard_quartz_schedule_asked_from_the_second_pass_goes_on_firing_in_it() {
        FireTimes times = times("* * 2 * * ?", CronSyntax.QUARTZ, "Europe/Berlin");
        assertThat(times.next(Instant.parse("2026-10-25T01:30:00Z"))).contains(Instant.parse("2026-10-25T01:30:01Z"));
        assertThat(times.next(Instant.parse("2026-10-25T01:59:59Z"))).contains(Instant.parse("2026-10-26T01:00:00Z"));
    }
}
