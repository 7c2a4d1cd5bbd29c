package com.jobladder.internal.cron;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobLimits;
import com.jobladder.api.JobTypes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules every schedule obeys, in one place for the file's reader, for schedules declared in
 * code ({@link RecurringJob}) and for {@link CronSchedule} itself, so that a mistake gets the same
 * words wherever it was made. A null required value is reported missing.
 */
public final class ScheduleRules {
    static final String ZONE_EXPECTED = "a time-zone region such as \"Europe/Berlin\" or \"UTC\"";
    static final String CAP_EXPECTED = "an integer from 1 to " + CronSchedule.MAX_MISFIRE_CAP;
    static final String THRESHOLD_EXPECTED = "a duration of zero or more such as 30s, 1m or 1h";
    static final String ATTEMPTS_EXPECTED = "an integer of 1 or more (leave it out for the job type's own limit)";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private ScheduleRules() {}

    static List<ScheduleProblem> check(
            String name,
            String cron,
            CronSyntax syntax,
            ZoneId zone,
            String jobType,
            String contentType,
            int misfireCap,
            Duration misfireThreshold,
            Integer maxAttempts) {
        List<ScheduleProblem> problems = new ArrayList<>();
        if (name == null
                || name.length() > CronSchedule.MAX_NAME_LENGTH
                || !NAME.matcher(name).matches()) {
            problems.add(ScheduleProblem.invalid(
                    "name",
                    name,
                    "expected 1 to " + CronSchedule.MAX_NAME_LENGTH
                            + " characters of letters, digits, '_' and '-' (it starts the job id name@fire-time)"));
        }
        if (cron == null) {
            problems.add(ScheduleProblem.missing("cron", "a cron expression such as \"0 2 * * *\""));
        }
        if (syntax == null) {
            problems.add(ScheduleProblem.missing("syntax", "unix or quartz"));
        }
        if (cron != null && syntax != null) {
            try {
                CronExpressions.parse(syntax, cron);
            } catch (IllegalArgumentException e) {
                problems.add(ScheduleProblem.invalid("cron", cron, e.getMessage()));
            }
        }
        if (zone == null) {
            problems.add(ScheduleProblem.missing("time-zone", ZONE_EXPECTED));
        }
        if (jobType == null) {
            problems.add(ScheduleProblem.missing("job-type", "the job type to run, such as \"report\""));
        } else {
            try {
                JobTypes.requireValid(jobType);
            } catch (InvalidRequestException e) {
                problems.add(ScheduleProblem.invalid(
                        "job-type",
                        jobType,
                        "expected a job type of " + JobLimits.MAX_TYPE_LENGTH + " or fewer characters of [a-z0-9_-]"));
            }
        }
        if (contentType == null
                || contentType.isEmpty()
                || contentType.length() > JobLimits.MAX_CONTENT_TYPE_LENGTH
                || !contentType.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            problems.add(ScheduleProblem.invalid(
                    "content-type",
                    contentType,
                    "expected 1 to "
                            + JobLimits.MAX_CONTENT_TYPE_LENGTH + " printable ASCII characters, a MIME type such as"
                            + " \"application/json\""));
        }
        if (misfireCap < 1 || misfireCap > CronSchedule.MAX_MISFIRE_CAP) {
            problems.add(ScheduleProblem.invalid("misfire-cap", misfireCap, "expected " + CAP_EXPECTED));
        }
        if (misfireThreshold == null || misfireThreshold.isNegative()) {
            problems.add(
                    ScheduleProblem.invalid("misfire-threshold", misfireThreshold, "expected " + THRESHOLD_EXPECTED));
        }
        if (maxAttempts != null && maxAttempts < 1) {
            problems.add(ScheduleProblem.invalid("max-attempts", maxAttempts, "expected " + ATTEMPTS_EXPECTED));
        }
        return problems;
    }

    /** The zone of a region id such as {@code Europe/Berlin}, or null with a problem added. */
    public static ZoneId zone(String raw, List<ScheduleProblem> problems) {
        try {
            return ZoneId.of(raw.trim());
        } catch (DateTimeException e) {
            problems.add(ScheduleProblem.invalid(
                    "time-zone", raw, "expected " + ZONE_EXPECTED + " (" + e.getMessage() + ")"));
            return null;
        }
    }
}
