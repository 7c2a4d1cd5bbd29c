package com.jobladder.internal.cron;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of reading a schedules file: the schedules, or every error found in it. */
public record ScheduleFile(String file, List<CronSchedule> schedules, List<ScheduleError> errors) {

    public ScheduleFile {
        schedules = List.copyOf(schedules);
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** One line per error, for logs and exceptions. */
    public String describeErrors() {
        return errors.stream().map(ScheduleError::toString).collect(Collectors.joining("\n"));
    }
}
