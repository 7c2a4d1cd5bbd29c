package com.jobladder.cron;

import java.time.Instant;

/**
 * Where the cron leader sends a fire: the daemon adapts it to {@code JobPublisher} (an
 * {@code Envelope} with attempt 1, {@code scheduleName} set, due at {@code dueAt}). One method, so
 * that cron-utils and amqp-client types stay out of it.
 */
@FunctionalInterface
public interface FirePublisher {

    /**
     * Publishes one job and returns only once the broker confirmed it.
     *
     * @param jobId  deterministic, {@code schedule@fire-time}: a second publish of it is harmless
     * @param dueAt  when the job should run: the fire time, or now for a missed occurrence
     * @throws Exception when the broker nacked, returned or did not confirm in time; the cursor
     *                   then stays before this fire and the next tick publishes it again
     */
    void publish(String jobId, String scheduleName, String type, byte[] payload, String contentType, Instant dueAt)
            throws Exception;
}
