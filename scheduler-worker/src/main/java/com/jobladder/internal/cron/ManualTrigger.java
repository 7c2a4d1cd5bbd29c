package com.jobladder.internal.cron;

import com.jobladder.api.ScheduledJob;
import com.jobladder.internal.amqp.JobPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * Fires a schedule once, now, outside its cron times, as an operator does after a failed run: the
 * job a fire would publish (the schedule's type, payload, content type, name and attempt limit), due
 * now, with the id {@link Fire#manualJobId}, which never equals a regular fire's. The one place
 * both {@code scheduler schedules trigger} and the dashboard's trigger button publish it.
 */
public final class ManualTrigger {
    private ManualTrigger() {}

    /** Publishes and returns the job once the broker confirmed it; throws when it did not in time. */
    public static ScheduledJob fire(CronSchedule schedule, JobPublisher publisher, Clock clock, Duration confirmTimeout)
            throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String jobId = Fire.manualJobId(schedule.name(), now);
        publisher.publish(schedule.envelope(jobId, now, now)).get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return new ScheduledJob(jobId, schedule.jobType(), now);
    }
}
