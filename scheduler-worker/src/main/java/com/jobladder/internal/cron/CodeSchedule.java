package com.jobladder.internal.cron;

/**
 * A schedule declared in code ({@link RecurringJob#build()}) and where, so that a name the file
 * uses too is refused with both places.
 *
 * @param declaredAt the application's frame that declared it, e.g. {@code com.example.App.main(App.java:12)}
 */
public record CodeSchedule(CronSchedule schedule, String declaredAt) {
}
