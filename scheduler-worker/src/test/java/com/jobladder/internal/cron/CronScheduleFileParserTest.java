package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.handler.MisfirePolicy;
import com.jobladder.handler.OverlapPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleFileParserTest {

    private static ScheduleFile parse(String hocon) {
        return ScheduleFileParser.parse("conf/schedules.conf", hocon);
    }

    @Test
    void the_sample_file_in_conf_is_valid_and_has_enabled_demo_schedules() {
        ScheduleFile file = ScheduleFileParser.parse(Path.of("..", "conf", "schedules.conf"));
        assertThat(file.errors()).isEmpty();
        assertThat(file.schedules()).extracting(CronSchedule::name).containsExactly("heartbeat", "minute-report");
        assertThat(file.schedules()).allMatch(CronSchedule::enabled);
    }

    @Test
    void a_full_unix_schedule_is_read_with_every_option() {
        ScheduleFile file = parse("""
                schedules {
                  nightly-report {
                    cron = "0 2 * * *"
                    syntax = unix
                    time-zone = "Europe/Berlin"
                    job-type = "report"
                    payload = "{\\"kind\\":\\"nightly\\"}"
                    content-type = "application/json"
                    misfire = fire-all
                    misfire-cap = 3
                    misfire-threshold = 30s
                    overlap = forbid
                    enabled = false
                    max-attempts = 5
                  }
                }
                """);
        assertThat(file.errors()).isEmpty();
        assertThat(file.schedules())
                .containsExactly(new CronSchedule(
                        "nightly-report",
                        "0 2 * * *",
                        CronSyntax.UNIX,
                        ZoneId.of("Europe/Berlin"),
                        "report",
                        "{\"kind\":\"nightly\"}".getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        MisfirePolicy.FIRE_ALL,
                        3,
                        Duration.ofSeconds(30),
                        OverlapPolicy.FORBID,
                        false,
                        5));
    }

    @Test
    void optional_keys_take_their_defaults() {
        ScheduleFile file =
                parse("schedules { a { cron = \"@daily\", syntax = unix, time-zone = UTC, job-type = x } }");
        assertThat(file.schedules())
                .containsExactly(CronSchedule.of("a", "@daily", CronSyntax.UNIX, ZoneId.of("UTC"), "x"));
    }

    @Test
    void quartz_expressions_with_l_w_hash_and_question_mark_are_accepted() {
        ScheduleFile file = parse("""
                schedules {
                  a { cron = "0 0 12 L * ?", syntax = quartz, time-zone = UTC, job-type = x }
                  b { cron = "0 0 8 15W * ?", syntax = quartz, time-zone = UTC, job-type = x }
                  c { cron = "0 30 9 ? * 6#3", syntax = quartz, time-zone = UTC, job-type = x }
                  d { cron = "0 0 12 * * ? 2030", syntax = quartz, time-zone = UTC, job-type = x }
                }
                """);
        assertThat(file.errors()).isEmpty();
        assertThat(file.schedules()).hasSize(4);
    }

    @Test
    void every_unix_macro_is_accepted() {
        for (String macro : CronExpressions.UNIX_MACROS.keySet()) {
            ScheduleFile file = parse(
                    "schedules { a { cron = \"" + macro + "\", syntax = unix, time-zone = UTC," + " job-type = x } }");
            assertThat(file.errors()).as(macro).isEmpty();
        }
    }

    @Test
    void a_bad_field_is_named_with_the_file_and_line_of_the_cron_key() {
        ScheduleFile file = parse("""
                schedules {
                  nightly {
                    syntax = unix
                    cron = "61 2 * * *"
                    time-zone = UTC
                    job-type = report
                  }
                }
                """);
        assertThat(file.valid()).isFalse();
        assertThat(file.errors())
                .singleElement()
                .hasToString(
                        "conf/schedules.conf:4: schedules.nightly.cron ="
                                + " \"61 2 * * *\" is invalid: field 1 (minute) \"61\" is invalid: Value 61 not in range [0, 59]");
    }

    @Test
    void a_bad_quartz_day_of_week_is_named() {
        ScheduleFile file =
                parse("schedules { q { cron = \"0 0 2 ? * 9\", syntax = quartz, time-zone = UTC, job-type = x } }");
        assertThat(file.describeErrors()).contains(":1: ").contains("field 6 (day-of-week) \"9\" is invalid");
    }

    @Test
    void quartz_with_both_day_fields_set_is_told_to_use_a_question_mark() {
        ScheduleFile file =
                parse("schedules { q { cron = \"0 0 2 * * *\", syntax = quartz, time-zone = UTC, job-type = x } }");
        assertThat(file.describeErrors()).contains("expects ? in one of them");
    }

    @Test
    void a_wrong_number_of_fields_suggests_the_other_syntax() {
        ScheduleFile file =
                parse("schedules { q { cron = \"0 0 2 * * ?\", syntax = unix, time-zone = UTC, job-type = x } }");
        assertThat(file.describeErrors()).contains("has 6 fields").contains("or set syntax = quartz");
    }

    @Test
    void unknown_keys_missing_keys_and_bad_values_are_all_reported_with_lines() {
        ScheduleFile file = parse("""
                schedules {
                  a {
                    cron = "0 2 * * *"
                    syntax = unix
                    time-zone = "Mars/Olympus"
                    job-type = "Report!"
                    misfire = later
                    misfire-cap = 0
                    overlap = sometimes
                    enabeld = true
                  }
                  b {
                    cron = "0 2 * * *"
                  }
                }
                """);
        assertThat(file.schedules()).isEmpty();
        assertThat(file.errors())
                .extracting(ScheduleError::toString)
                .contains(
                        "conf/schedules.conf:10: unknown setting schedules.a.enabeld: expected one of content-type, cron,"
                                + " enabled, job-type, max-attempts, misfire, misfire-cap, misfire-threshold, overlap, payload,"
                                + " syntax, time-zone",
                        "conf/schedules.conf:7: schedules.a.misfire = \"later\" is invalid: expected fire-once-now or skip or"
                                + " fire-all",
                        "conf/schedules.conf:8: schedules.a.misfire-cap = 0 is invalid: expected an integer from 1 to 1000",
                        "conf/schedules.conf:9: schedules.a.overlap = \"sometimes\" is invalid: expected allow or forbid",
                        "conf/schedules.conf:12: schedules.b.syntax is missing: expected unix or quartz");
        assertThat(file.describeErrors())
                .contains("conf/schedules.conf:5: schedules.a.time-zone")
                .contains("conf/schedules.conf:6: schedules.a.job-type");
    }

    @Test
    void malformed_hocon_is_refused_with_its_line() {
        ScheduleFile file = parse("schedules {\n  a {\n    cron = \"0 2 * * *\n  }\n}\n");
        assertThat(file.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.reason()).startsWith("malformed HOCON");
        });
    }

    @Test
    void a_missing_file_is_refused() {
        assertThat(ScheduleFileParser.parse(Path.of("no-such-dir", "schedules.conf"))
                        .describeErrors())
                .contains("does not exist");
    }
}
