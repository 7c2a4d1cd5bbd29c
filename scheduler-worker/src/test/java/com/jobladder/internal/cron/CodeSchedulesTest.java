package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.internal.config.ConfigurationException;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeSchedulesTest {
    @Test
    void two_schedules_of_one_name_in_code_are_refused_naming_where_each_was_declared() {
        CodeSchedule first = new CodeSchedule(
                CronSchedule.of("x", "0 2 * * *", CronSyntax.UNIX, ZoneId.of("UTC"), "a"),
                "com.example.A.configure(A.java:10)");
        CodeSchedule second = new CodeSchedule(
                CronSchedule.of("x", "0 3 * * *", CronSyntax.UNIX, ZoneId.of("UTC"), "b"),
                "com.example.B.configure(B.java:20)");
        assertThatThrownBy(() -> CodeSchedules.of(List.of(first, second)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("recurring job x is declared twice in code")
                .hasMessageContaining("com.example.A.configure(A.java:10)")
                .hasMessageContaining("com.example.B.configure(B.java:20)");
    }
}
