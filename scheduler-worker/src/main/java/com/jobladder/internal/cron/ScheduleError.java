package com.jobladder.internal.cron;

/** One reason a schedules file was refused, where it is: {@code conf/schedules.conf:7: ...}. */
public record ScheduleError(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
