package com.jobladder.cron;

import com.jobladder.amqp.Envelope;
import com.jobladder.amqp.JobPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Fires a schedule once, now, outside its cron expression: the job it would publish at a fire
 * (same type, payload, content type and schedule name, attempt 1), due now, through the same
 * publisher and confirm the cron leader uses. Its id, {@code name@manual-<instant>}, never equals
 * a cron fire's, so the next regular fire still runs.
 */
public final class ManualTrigger {
    private ManualTrigger() {
    }

    /** Publishes and returns the job id once the broker confirmed it; throws when it did not in time. */
    public static String fire(CronSchedule schedule, JobPublisher publisher, Clock clock, Duration confirmTimeout)
            throws Exception {
        Instant now = clock.instant();
        String jobId = schedule.name() + "@manual-" + now;
        publisher.publish(new Envelope(jobId, schedule.jobType(), schedule.payload().getBytes(StandardCharsets.UTF_8),
                schedule.contentType(), now, 1, now, schedule.name(), null))
                .get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return jobId;
    }
}
