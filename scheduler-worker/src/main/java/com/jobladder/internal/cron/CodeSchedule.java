package com.jobladder.internal.cron;

import com.jobladder.handler.RecurringJob;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A schedule declared in code ({@link RecurringJob}) and where, so that a name the file uses too
 * is refused with both places.
 *
 * @param declaredAt the application's frame that declared it, e.g. {@code com.example.App.main(App.java:12)}
 */
public record CodeSchedule(CronSchedule schedule, String declaredAt) {

    /**
     * Checks a recurring job by the file's rules, in the file's words.
     *
     * @throws InvalidScheduleException naming every setting that breaks a rule, and where the job was declared
     */
    public static CodeSchedule of(RecurringJob job) {
        List<ScheduleProblem> problems = new ArrayList<>();
        ZoneId zone = job.zone() != null ? ScheduleRules.zone(job.zone(), problems) : null;
        CronSchedule schedule = null;
        try {
            schedule = new CronSchedule(
                    job.name(),
                    job.expression(),
                    CronSyntax.valueOf(job.syntax().toUpperCase(Locale.ROOT)),
                    zone,
                    job.jobType(),
                    job.payload(),
                    job.contentType(),
                    job.misfire(),
                    job.misfireCap(),
                    job.misfireThreshold(),
                    job.overlap(),
                    job.enabled(),
                    job.maxAttempts());
        } catch (InvalidScheduleException e) {
            // An unknown region is reported as such, not again as a missing zone.
            e.problems().stream()
                    .filter(p -> problems.stream().noneMatch(q -> q.key().equals(p.key())))
                    .forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException(
                    "recurring job " + job.name() + " (declared at " + job.declaredAt() + ") is invalid", problems);
        }
        return new CodeSchedule(schedule, job.declaredAt());
    }
}
