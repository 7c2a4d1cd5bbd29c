package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.handler.MisfirePolicy;
import com.jobladder.handler.RecurringJob;
import com.jobladder.internal.cli.SchedulesCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CronScheduleListingTest {
    private static final Instant AT = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void each_schedule_is_listed_with_its_next_fires_in_its_zone_and_in_utc() {
        CronSchedule nightly =
                CronSchedule.of("nightly-report", "0 2 * * *", CronSyntax.UNIX, ZoneId.of("Europe/Berlin"), "report");
        CronSchedule closing = CronSchedule.of(
                        "month-end", "0 0 12 L * ?", CronSyntax.QUARTZ, ZoneId.of("America/New_York"), "billing")
                .withMisfire(MisfirePolicy.FIRE_ALL, 3, Duration.ofSeconds(30))
                .withEnabled(false);
        assertThat(ScheduleListing.render(List.of(nightly, closing), AT, 2, ScheduleListing.NO_HISTORY))
                .isEqualTo("""
                schedule month-end
                  cron      0 0 12 L * ? (quartz)
                  time-zone America/New_York
                  job-type  billing
                  misfire   fire-all, threshold 30s, cap 3
                  overlap   allow
                  enabled   false
                  next      none: disabled

                schedule nightly-report
                  cron      0 2 * * * (unix)
                  time-zone Europe/Berlin
                  job-type  report
                  misfire   fire-once-now, threshold 1m
                  overlap   allow
                  enabled   true
                  next      2026-11-23 02:00:00 +01:00  2026-11-23T01:00:00Z
                  next      2026-11-24 02:00:00 +01:00  2026-11-24T01:00:00Z
                """);
    }

    @Test
    void the_audit_hook_adds_the_last_fires_with_their_outcomes() {
        CronSchedule hourly = CronSchedule.of("hourly", "@hourly", CronSyntax.UNIX, ZoneId.of("UTC"), "report");
        String text = ScheduleListing.render(
                List.of(hourly),
                AT,
                1,
                (name, limit) -> List.of(new ScheduleListing.PastFire(
                        "hourly@2026-11-22T11:00:00Z", Instant.parse("2026-11-22T11:00:00Z"), "SUCCEEDED")));
        assertThat(text).endsWith("""
                  next      2026-11-22 13:00:00 +00:00  2026-11-22T13:00:00Z
                  last      2026-11-22T11:00:00Z  SUCCEEDED  hourly@2026-11-22T11:00:00Z
                """);
    }

    @Test
    void a_schedule_that_never_fires_again_says_so() {
        CronSchedule past = CronSchedule.of("past", "0 0 12 * * ? 2020", CronSyntax.QUARTZ, ZoneId.of("UTC"), "x");
        assertThat(ScheduleListing.render(List.of(past), AT, 3, ScheduleListing.NO_HISTORY))
                .contains("  next      none: the expression never fires again\n");
    }

    @Test
    void the_command_prints_the_listing_or_the_errors_with_exit_code_two(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("schedules.conf"),
                "schedules { a { cron = \"@daily\", syntax = unix, time-zone = UTC, job-type = x } }");
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new SchedulesCommand()).setOut(new PrintWriter(out));
        assertThat(command.execute("--file", file.toString(), "--count", "1", "--at", AT.toString()))
                .isZero();
        assertThat(out.toString())
                .startsWith("schedule a\n")
                .endsWith("  next      2026-11-23 00:00:00 +00:00  2026-11-23T00:00:00Z\n");

        Files.writeString(file, "schedules { a { cron = \"@often\", syntax = unix, time-zone = UTC, job-type = x } }");
        StringWriter err = new StringWriter();
        command = new CommandLine(new SchedulesCommand()).setErr(new PrintWriter(err));
        assertThat(command.execute("--file", file.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("schedules.conf:1: schedules.a.cron = \"@often\" is invalid: unknown macro");
    }

    @Test
    void a_schedule_with_its_own_attempt_limit_shows_it_after_overlap() {
        CronSchedule limited = new CronSchedule(
                "sync",
                "0 * * * *",
                CronSyntax.UNIX,
                ZoneId.of("UTC"),
                "sync",
                new byte[0],
                RecurringJob.DEFAULT_CONTENT_TYPE,
                RecurringJob.DEFAULT_MISFIRE,
                RecurringJob.DEFAULT_MISFIRE_CAP,
                RecurringJob.DEFAULT_MISFIRE_THRESHOLD,
                RecurringJob.DEFAULT_OVERLAP,
                true,
                3);
        assertThat(ScheduleListing.render(List.of(limited), AT, 1, ScheduleListing.NO_HISTORY))
                .isEqualTo("""
                schedule sync
                  cron      0 * * * * (unix)
                  time-zone UTC
                  job-type  sync
                  misfire   fire-once-now, threshold 1m
                  overlap   allow
                  attempts  at most 3
                  enabled   true
                  next      2026-11-22 13:00:00 +00:00  2026-11-22T13:00:00Z
                """);
    }
}
