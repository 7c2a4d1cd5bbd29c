package com.jobladder.internal.engine;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.internal.amqp.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a worker's audit rows and counts them. Each future completes once its row committed.
 * Lateness is a Duration here, never milliseconds, so an absurd due time cannot overflow it.
 */
record AttemptLog(String workerId, AttemptRecorder recorder, WorkerStats stats, Clock clock) {

    CompletableFuture<Outcome> record(
            Envelope envelope, Instant started, Instant finished, Outcome outcome, String error) {
        JobAttempt attempt = new JobAttempt(
                envelope.jobId(),
                envelope.attempt(),
                envelope.type(),
                envelope.scheduleName(),
                envelope.dueAt(),
                started,
                finished,
                outcome,
                workerId,
                error,
                Duration.between(envelope.dueAt(), started));
        return recorder.record(attempt).thenApply(stored -> {
            stats.recorded(envelope.type(), stored, Duration.between(started, finished));
            if (stored == Outcome.SUCCEEDED && envelope.scheduleName() != null) {
                stats.cronRunSucceeded();
            }
            return stored;
        });
    }

    /** The DEAD row of a decoded job, now. */
    CompletableFuture<Outcome> recordDead(Envelope envelope, String reason) {
        Instant now = clock.instant();
        return record(envelope, now, now, Outcome.DEAD, reason);
    }

    /** The DEAD row of a message on {@code type}'s queue that is not a runnable job. */
    CompletableFuture<Outcome> recordPoison(Delivery delivery, String type, String reason) {
        Instant now = clock.instant();
        JobAttempt attempt = new JobAttempt(
                delivery.jobIdOrPoisonId(),
                1,
                type,
                null,
                now,
                now,
                now,
                Outcome.DEAD,
                workerId,
                reason,
                Duration.ZERO);
        return recorder.record(attempt).thenApply(stored -> {
            stats.recorded(type, stored, Duration.ZERO);
            return stored;
        });
    }
}
