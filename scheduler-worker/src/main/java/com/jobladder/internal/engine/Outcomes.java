package com.jobladder.internal.engine;

import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.JobPublisher;
import com.jobladder.internal.config.JobTypeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a job of one type: its audit row, then a retry, a re-entry into the ladder or a
 * dead-job copy as needed, and only then its settlement. Completion steps run through
 * {@link Settlement#guarded}, so that no throwable vanishes inside a future.
 */
record Outcomes(JobTypeSettings settings, JobPublisher publisher, AttemptLog attempts, WorkerStats stats) {
    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    void finish(
            Settlement settlement,
            Envelope envelope,
            Instant started,
            Instant finished,
            Outcome outcome,
            String error) {
        settleAfter(settlement, attempts.record(envelope, started, finished, outcome, error), envelope);
    }

    /**
     * The attempt's row carries the instant the handler returned, not the instant the row is
     * written: the retry's backoff counts from the former, and publishing the retry takes a
     * broker round trip before the row is written. A retry that cannot be published still gets
     * its row, saying so, and the delivery is handed back after a back-off.
     */
    void failed(Settlement settlement, Envelope envelope, Instant started, Instant finished, String error) {
        int maxAttempts = RetryPolicy.maxAttempts(settings, envelope.maxAttempts());
        if (envelope.attempt() >= maxAttempts) {
            String reason = "failed " + envelope.attempt() + " of " + maxAttempts + " attempts; last error: " + error;
            settlement.deadLetter(
                    envelope, reason, () -> attempts.record(envelope, started, finished, Outcome.DEAD, reason));
            return;
        }
        Duration backoff = RetryPolicy.backoff(settings, envelope.attempt());
        Envelope retry = envelope.retry(envelope.attempt() + 1, finished.plus(backoff));
        log.debug(
                "job {} attempt {} failed, retrying in {} ms: {}",
                envelope.jobId(),
                envelope.attempt(),
                backoff.toMillis(),
                error);
        publisher
                .publish(retry)
                .whenComplete((ignored, publishFailure) -> settlement.guarded(envelope, () -> {
                    if (publishFailure == null) {
                        stats.retried(envelope.type());
                        settleAfter(
                                settlement,
                                attempts.record(envelope, started, finished, Outcome.FAILED, error),
                                envelope);
                        return;
                    }
                    String why = "its retry could not be published: " + Settlement.describe(publishFailure);
                    attempts.record(
                                    envelope,
                                    started,
                                    finished,
                                    Outcome.FAILED,
                                    error + "; " + why
                                            + " (the delivery is handed back to the broker after a back-off)")
                            .whenComplete((stored, recordFailure) -> settlement.handBack(envelope, why));
                }));
    }

    /** Sends an early arrival round the ladder again for the rest of its delay. */
    void reenter(Settlement settlement, Envelope envelope) {
        publisher
                .publish(envelope)
                .whenComplete((ignored, failure) -> settlement.guarded(envelope, () -> {
                    if (failure != null) {
                        settlement.handBack(
                                envelope, "it could not re-enter the ladder: " + Settlement.describe(failure));
                        return;
                    }
                    stats.reentered();
                    settlement.ack();
                }));
    }

    /** Ack when everything before it committed; otherwise the settlement decides. */
    private static void settleAfter(Settlement settlement, CompletableFuture<?> lastStep, Envelope envelope) {
        lastStep.whenComplete(
                (stored, failure) -> settlement.guarded(envelope, () -> settlement.after(failure, envelope)));
    }
}
