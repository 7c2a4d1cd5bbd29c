package com.jobladder.worker;

import com.jobladder.amqp.ConfirmedPublisher;
import com.jobladder.amqp.EnvelopeCodec;
import com.jobladder.amqp.Envelope;
import com.jobladder.amqp.JobPublisher;
import com.jobladder.amqp.SafeText;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobIds;
import com.jobladder.audit.AuditStore;
import com.jobladder.audit.AuditUnavailableException;
import com.jobladder.concurrent.Backoff;
import com.jobladder.config.JobTypeSettings;
import com.jobladder.config.WorkerSettings;
import com.jobladder.topology.TopologyNames;
import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the executions of one job type share: its handler and settings, the worker's publisher,
 * audit store, hand-backs and clock. Deliveries are settled on the channel they arrived on.
 *
 * @param forbidsOverlap whether a cron schedule, by name, forbids overlapping runs
 */
record TypeRuntime(String type, JobHandler handler, JobTypeSettings settings, WorkerSettings worker,
                   JobPublisher publisher, ConfirmedPublisher rawPublisher, TopologyNames names,
                   AuditStore store, AttemptRecorder recorder, WorkerStats stats, Clock clock,
                   ScheduledExecutorService timer, HandBacks handBacks, Supplier<Boolean> running,
                   Predicate<String> forbidsOverlap) {
    private static final Logger log = LoggerFactory.getLogger(TypeRuntime.class);
    private static final Duration MAX_STORE_BACKOFF = Duration.ofSeconds(30);

    /** Acks on the delivery's own channel; a closed channel has requeued it already, so there is nothing to ack. */
    void ack(Delivery delivery) {
        if (!delivery.channel().isOpen()) {
            log.debug("delivery {} of type {} not acked: its channel closed and the broker requeued it",
                    delivery.tag(), type);
            return;
        }
        try {
            delivery.channel().basicAck(delivery.tag(), false);
        } catch (IOException | RuntimeException e) {
            log.warn("Worker {}: cannot ack delivery {} of type {} ({}); the broker will redeliver it and the"
                    + " success check will skip it", worker.id(), delivery.tag(), type, e.getMessage());
        }
    }

    /** Gives the delivery back to its queue now; a closed channel has done so already. */
    void requeue(Delivery delivery) {
        if (!delivery.channel().isOpen()) {
            return;
        }
        try {
            delivery.channel().basicNack(delivery.tag(), false, true);
        } catch (IOException | RuntimeException e) {
            // The channel is gone: the broker requeues every unacked delivery by itself.
        }
    }

    /**
     * Records an attempt of a decoded job; the future completes once the row committed. Lateness
     * is a Duration here, never milliseconds, so an absurd due time cannot overflow it.
     */
    CompletableFuture<JobAttempt.Outcome> record(Envelope envelope, Instant started, Instant finished,
                                                 JobAttempt.Outcome outcome, String error) {
        JobAttempt attempt = new JobAttempt(envelope.jobId(), envelope.attempt(), envelope.type(),
                envelope.scheduleName(), envelope.dueAt(), started, finished, outcome, worker.id(), error,
                Duration.between(envelope.dueAt(), started));
        return recorder.record(attempt).thenApply(stored -> {
            stats.recorded(stored);
            if (stored == JobAttempt.Outcome.SUCCEEDED && envelope.scheduleName() != null) {
                stats.cronRunSucceeded();
            }
            return stored;
        });
    }

    /** Records the DEAD row of a message that is not a runnable job. */
    CompletableFuture<JobAttempt.Outcome> recordPoison(Delivery delivery, String reason) {
        Instant now = clock.instant();
        JobAttempt attempt = new JobAttempt(poisonId(delivery.properties()), 1, type, null, now, now, now,
                JobAttempt.Outcome.DEAD, worker.id(), reason, Duration.ZERO);
        return recorder.record(attempt).thenApply(stored -> {
            stats.recorded(stored);
            return stored;
        });
    }

    /**
     * Sends a copy of the delivery to the dead-job queue with the reason in a header. The copy
     * is confirmed before the original is acked, so the job is never in neither queue.
     */
    CompletableFuture<Void> deadLetter(Delivery delivery, Envelope envelope, String reason) {
        AMQP.BasicProperties original = delivery.properties();
        Map<String, Object> headers = new HashMap<>(original.getHeaders() == null ? Map.of() : original.getHeaders());
        headers.put(EnvelopeCodec.DEAD_REASON, SafeText.reason(reason));
        String jobId = envelope != null ? envelope.jobId() : poisonId(original);
        return rawPublisher.publish(jobId, names.deadExchange(), names.workerQueue(type),
                original.builder().headers(headers).build(), delivery.body());
    }

    /**
     * Calls the store until it answers, backing off while it is unavailable: the job stays
     * unacked meanwhile. Returns null when the worker stops first.
     */
    <T> T awaitStore(String what, Supplier<T> call) {
        Duration backoff = Duration.ofMillis(500);
        while (running.get()) {
            try {
                return call.get();
            } catch (AuditUnavailableException e) {
                log.warn("Worker {}: audit store unavailable, cannot {} ({}); the job stays unacked, retrying in {} ms",
                        worker.id(), what, e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                backoff = Backoff.doubled(backoff, 1, MAX_STORE_BACKOFF);
            }
        }
        return null;
    }

    /** The message id when it is a usable job id, otherwise a fresh one that says where it came from. */
    private static String poisonId(AMQP.BasicProperties properties) {
        String messageId = properties.getMessageId();
        try {
            return JobIds.requireValid(messageId);
        } catch (IllegalArgumentException e) {
            return "poison-" + UUID.randomUUID();
        }
    }
}
