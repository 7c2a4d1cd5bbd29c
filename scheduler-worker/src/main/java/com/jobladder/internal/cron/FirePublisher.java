package com.jobladder.internal.cron;

/**
 * Where the cron leader sends a fire: the daemon publishes {@link CronSchedule#envelope} of it
 * through {@code JobPublisher}. One method, so that cron-utils and amqp-client types stay out of it.
 */
@FunctionalInterface
public interface FirePublisher {

    /**
     * Publishes the job of one fire and returns only once the broker confirmed it.
     *
     * @param fire its job id, {@code schedule@fire-time}, is deterministic: a second publish of it is harmless
     * @throws Exception when the broker nacked, returned or did not confirm in time; the cursor
     *                   then stays before this fire and the next tick publishes it again
     */
    void publish(Fire fire) throws Exception;
}
