package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobType;
import com.jobladder.handler.MisfirePolicy;
import com.jobladder.handler.OverlapPolicy;
import com.jobladder.handler.RecurringJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A schedule declared in code is the file's schedule, checked by the file's rules in the file's words. */
class CodeScheduleTest {
    private static final JobType<String> REPORT = JobType.text("report");

    private static ScheduleFile file(String settings) {
        return ScheduleFileParser.parse("conf/schedules.conf", "schedules {\n  x {\n" + settings + "\n  }\n}\n");
    }

    @Test
    void a_schedule_declared_in_code_equals_the_file_entry_with_the_same_settings() {
        ScheduleFile file = file("""
                cron = "0 2 * * *", syntax = unix, time-zone = "Europe/Berlin", job-type = report
                payload = "nightly", content-type = "%s"
                misfire = fire-all, misfire-cap = 3, misfire-threshold = 30s
                overlap = forbid, enabled = false, max-attempts = 2
                """.formatted(REPORT.codec().contentType()));
        CodeSchedule code = CodeSchedule.of(RecurringJob.cron("x", "0 2 * * *")
                .zone("Europe/Berlin")
                .job(REPORT, "nightly")
                .misfire(MisfirePolicy.FIRE_ALL, 3, Duration.ofSeconds(30))
                .overlap(OverlapPolicy.FORBID)
                .enabled(false)
                .maxAttempts(2));

        assertThat(file.errors()).isEmpty();
        assertThat(code.schedule()).isEqualTo(file.schedules().get(0));
        assertThat(new String(code.schedule().payload(), StandardCharsets.UTF_8))
                .isEqualTo("nightly");
        assertThat(code.declaredAt())
                .startsWith(
                        CodeScheduleTest.class.getName()
                                + ".a_schedule_declared_in_code_equals_the_file_entry_with_the_same_settings(CodeScheduleTest.java:");
    }

    @Test
    void a_quartz_schedule_with_defaults_equals_the_file_entry_with_only_the_required_keys() {
        ScheduleFile file = file("cron = \"* * * * * ?\", syntax = quartz, time-zone = UTC, job-type = beat");
        assertThat(CodeSchedule.of(RecurringJob.quartz("x", "* * * * * ?")
                                .zone("UTC")
                                .job("beat"))
                        .schedule())
                .isEqualTo(file.schedules().get(0));
    }

    @Test
    void every_broken_rule_gets_the_same_words_in_code_as_in_the_file() {
        record Case(String fileSettings, Supplier<RecurringJob> code) {}
        String required = "syntax = unix, time-zone = UTC, job-type = report, ";
        List<Case> cases = List.of(
                new Case(
                        required + "cron = \"61 2 * * *\"",
                        () -> RecurringJob.cron("x", "61 2 * * *").zone("UTC").job("report")),
                new Case(
                        "cron = \"0 0 2 * * *\", syntax = quartz, time-zone = UTC, job-type = report",
                        () -> RecurringJob.quartz("x", "0 0 2 * * *")
                                .zone("UTC")
                                .job("report")),
                new Case(
                        "cron = \"0 2 * * *\", syntax = unix, time-zone = \"Mars/Olympus\", job-type = report",
                        () -> RecurringJob.cron("x", "0 2 * * *")
                                .zone("Mars/Olympus")
                                .job("report")),
                new Case(
                        "cron = \"0 2 * * *\", syntax = unix, job-type = report",
                        () -> RecurringJob.cron("x", "0 2 * * *").job("report")),
                new Case(
                        "cron = \"0 2 * * *\", syntax = unix, time-zone = UTC, job-type = \"Report!\"",
                        () -> RecurringJob.cron("x", "0 2 * * *").zone("UTC").job("Report!")),
                new Case(
                        required + "cron = \"0 2 * * *\", misfire-cap = 0",
                        () -> RecurringJob.cron("x", "0 2 * * *")
                                .zone("UTC")
                                .job("report")
                                .misfire(MisfirePolicy.FIRE_ALL, 0, Duration.ofMinutes(1))),
                new Case(
                        required + "cron = \"0 2 * * *\", misfire-threshold = -1s",
                        () -> RecurringJob.cron("x", "0 2 * * *")
                                .zone("UTC")
                                .job("report")
                                .misfire(MisfirePolicy.SKIP, 10, Duration.ofSeconds(-1))),
                new Case(
                        required + "cron = \"0 2 * * *\", max-attempts = 0",
                        () -> RecurringJob.cron("x", "0 2 * * *")
                                .zone("UTC")
                                .job("report")
                                .maxAttempts(0)),
                new Case(
                        required + "cron = \"0 2 * * *\", content-type = \"\"",
                        () -> RecurringJob.cron("x", "0 2 * * *").zone("UTC").job("report", new byte[0], "")));
        for (Case c : cases) {
            ScheduleFile file = file(c.fileSettings());
            assertThat(file.errors()).as(c.fileSettings()).hasSize(1);
            InvalidScheduleException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    InvalidScheduleException.class,
                    () -> CodeSchedule.of(c.code().get()),
                    c.fileSettings());
            assertThat(thrown.problems()).as(c.fileSettings()).hasSize(1);
            assertThat(file.errors().get(0).reason())
                    .as(c.fileSettings())
                    .isEqualTo("schedules.x." + thrown.problems().get(0));
        }
    }

    @Test
    void every_broken_setting_is_reported_at_once_and_an_unknown_zone_only_as_unknown() {
        InvalidScheduleException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidScheduleException.class,
                () -> CodeSchedule.of(RecurringJob.cron("x", "61 2 * * *")
                        .zone("Mars/Olympus")
                        .job("Report!")));
        assertThat(thrown.problems())
                .extracting(ScheduleProblem::key)
                .containsExactlyInAnyOrder("time-zone", "cron", "job-type");
        assertThat(thrown.problems()).noneMatch(ScheduleProblem::missing);
    }

    @Test
    void the_message_names_the_schedule_where_code_declared_it_and_the_files_reason() {
        RecurringJob job =
                RecurringJob.cron("nightly", "61 2 * * *").zone("UTC").job("report");
        assertThatThrownBy(() -> CodeSchedule.of(job))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageStartingWith("recurring job nightly (declared at " + CodeScheduleTest.class.getName()
                        + ".the_message_names_the_schedule_where_code_declared_it_and_the_files_reason(CodeScheduleTest"
                        + ".java:")
                .hasMessageEndingWith(") is invalid: cron = \"61 2 * * *\" is invalid: field 1 (minute) \"61\" is"
                        + " invalid: Value 61 not in range [0, 59]");
        assertThatThrownBy(() -> CodeSchedule.of(
                        RecurringJob.cron("bad name", "0 2 * * *").zone("UTC").job("report")))
                .hasMessageContaining("name = \"bad name\" is invalid: expected 1 to 100 characters of letters,"
                        + " digits, '_' and '-'");
    }
}
