package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.internal.config.ConfigurationException;
import com.jobladder.testsupport.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CronFileWatcherTest {
    private static final String ONE = """
            schedules {
              a { cron = "* * * * *", syntax = unix, time-zone = UTC, job-type = report }
            }
            """;
    private static final String TWO = """
            schedules {
              a { cron = "*/5 * * * *", syntax = unix, time-zone = UTC, job-type = report }
              b { cron = "0 0 * * * ?", syntax = quartz, time-zone = UTC, job-type = report }
            }
            """;
    private static final String BROKEN = """
            schedules {
              a { cron = "*/5 * * * *", syntax = unix, time-zone = UTC, job-type = report }
              b { cron = "0 0 * * * ?", syntax = quartz, time-zone = UTC, job-type = report, enabled = false }
              c {
                cron = "0 0 24 * * ?"
                syntax = quartz
                time-zone = UTC
                job-type = report
              }
            }
            """;

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("schedules.conf"), content);
    }

    @Test
    void a_valid_edit_is_swapped_in_and_listeners_hear_of_it() throws IOException {
        ScheduleFileWatcher watcher = ScheduleFileWatcher.load(write(ONE), clock);
        List<String> heard = new ArrayList<>();
        watcher.addListener((before, after) -> heard.add(before.size() + "->" + after.size()));
        write(TWO);
        assertThat(watcher.checkNow()).isTrue();
        assertThat(watcher.current()).extracting(CronSchedule::name).containsExactly("a", "b");
        assertThat(watcher.current().get(0).cron()).isEqualTo("*/5 * * * *");
        assertThat(heard).containsExactly("1->2");
        assertThat(watcher.checkNow()).as("unchanged content is not re-applied").isFalse();
    }

    @Test
    void an_invalid_edit_is_refused_visibly_and_the_last_good_schedules_keep_running() throws IOException {
        ScheduleFileWatcher watcher = ScheduleFileWatcher.load(write(ONE), clock);
        write(TWO);
        watcher.checkNow();
        clock.set(Instant.parse("2026-11-23T10:05:00Z"));
        write(BROKEN);
        assertThat(watcher.checkNow()).isFalse();
        assertThat(watcher.current()).extracting(CronSchedule::name).containsExactly("a", "b");
        assertThat(watcher.current()).allMatch(CronSchedule::enabled);
        ScheduleFileWatcher.Refusal refusal = watcher.lastRefusal().orElseThrow();
        assertThat(refusal.at()).isEqualTo(Instant.parse("2026-11-23T10:05:00Z"));
        assertThat(refusal.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(dir.resolve("schedules.conf").toString());
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.reason()).contains("field 3 (hour) \"24\" is invalid");
        });
    }

    @Test
    void fixing_the_file_applies_it_and_clears_the_refusal() throws IOException {
        ScheduleFileWatcher watcher = ScheduleFileWatcher.load(write(ONE), clock);
        write(BROKEN);
        watcher.checkNow();
        write(BROKEN.replace("0 0 24 * * ?", "0 0 23 * * ?"));
        assertThat(watcher.checkNow()).isTrue();
        assertThat(watcher.lastRefusal()).isEmpty();
        assertThat(watcher.current()).extracting(CronSchedule::name).containsExactly("a", "b", "c");
        assertThat(watcher.current().get(1).enabled()).isFalse();
    }

    @Test
    void removing_every_schedule_is_a_valid_edit_but_deleting_the_file_is_refused() throws IOException {
        ScheduleFileWatcher watcher = ScheduleFileWatcher.load(write(ONE), clock);
        Files.delete(dir.resolve("schedules.conf"));
        assertThat(watcher.checkNow()).isFalse();
        assertThat(watcher.current()).hasSize(1);
        assertThat(watcher.lastRefusal().orElseThrow().describe()).contains("does not exist");
        write("schedules {}");
        assertThat(watcher.checkNow()).isTrue();
        assertThat(watcher.current()).isEmpty();
    }

    @Test
    void an_invalid_file_at_start_stops_the_load_with_every_error() throws IOException {
        Path file = write(BROKEN);
        assertThatThrownBy(() -> ScheduleFileWatcher.load(file, clock))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("schedules.conf:5: schedules.c.cron");
    }

    @Test
    void a_name_that_code_declares_is_refused_in_the_file_at_start_and_in_an_edit_naming_both_places()
            throws IOException {
        java.util.Map<String, String> inCode = java.util.Map.of("b", "com.example.App.main(App.java:12)");
        Path two = write(TWO);
        assertThatThrownBy(() -> ScheduleFileWatcher.load(two, inCode, clock))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(two + ":3: schedule b is also declared in code, at"
                        + " com.example.App.main(App.java:12): expected each schedule name once; rename or remove one");

        ScheduleFileWatcher watcher = ScheduleFileWatcher.load(write(ONE), inCode, clock);
        write(TWO);
        assertThat(watcher.checkNow()).isFalse();
        assertThat(watcher.current()).extracting(CronSchedule::name).containsExactly("a");
        assertThat(watcher.lastRefusal().orElseThrow().describe()).contains(":3: schedule b is also declared in code");
    }
}
