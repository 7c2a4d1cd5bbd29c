package com.jobladder.internal.engine;

import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.audit.AuditRowRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one delivery exactly once, whatever failed on the way: ack it, hand it back to the
 * broker after a back-off (never straight away, so a job that cannot progress does not loop),
 * or end its job in the dead-job queue with a reason. A dead-job copy the broker does not
 * confirm is tried again with back-off while the delivery stays held: the job is never in
 * neither queue.
 */
final class Settlement {
    private static final Logger log = LoggerFactory.getLogger(Settlement.class);
    /**
     * Failures about the job itself rather than the broker or the database: handing its delivery
     * back would only fail again, so it goes to the dead-job queue with the reason at once.
     */
    private static final List<Class<? extends Throwable>> PERMANENT = List.of(AuditRowRejectedException.class);

    private final Delivery delivery;
    private final Terms terms;
    private final AtomicBoolean settled = new AtomicBoolean();

    /**
     * What settling a delivery of one type takes.
     *
     * @param running false once the worker stops: a dead-job copy is then left to the broker's redelivery
     */
    record Terms(
            String type,
            String workerId,
            HandBacks handBacks,
            AttemptLog attempts,
            DeadJobQueue deadJobs,
            BooleanSupplier running) {}

    Settlement(Delivery delivery, Terms terms) {
        this.delivery = delivery;
        this.terms = terms;
    }

    void ack() {
        if (claim()) {
            terms.handBacks().forget(delivery);
            delivery.ack();
        }
    }

    /** Settles after the last step of an execution: ack when it succeeded, otherwise per {@link #isPermanent}. */
    void after(Throwable failure, Envelope envelope) {
        if (failure == null) {
            ack();
        } else if (isPermanent(failure)) {
            deadLetter(envelope, "its attempt could not be recorded: " + describe(failure), null);
        } else {
            handBack(envelope, describe(failure));
        }
    }

    /** Whether a failure is about the job itself, so that it ends dead instead of being handed back. */
    static boolean isPermanent(Throwable failure) {
        Throwable cause = unwrap(failure);
        return PERMANENT.stream().anyMatch(type -> type.isInstance(cause));
    }

    /**
     * Holds the delivery for a back-off, then requeues it; once this message was handed back
     * {@code hand-back.limit} times, its job ends in the dead-job queue with {@code why} instead.
     */
    void handBack(Envelope envelope, String why) {
        if (!claim()) {
            return;
        }
        HandBacks handBacks = terms.handBacks();
        int n = handBacks.count(delivery);
        if (n > handBacks.limit()) {
            String reason = "handed back to the broker " + handBacks.limit() + " times without progress; last: " + why;
            log.warn(
                    "Worker {}: {} of type {} goes to the dead-job queue: {}",
                    terms.workerId(),
                    what(envelope),
                    terms.type(),
                    reason);
            endDead(
                    envelope,
                    reason,
                    () -> envelope == null
                            ? terms.attempts().recordPoison(delivery, terms.type(), reason)
                            : terms.attempts().recordDead(envelope, reason),
                    1);
            return;
        }
        Duration wait = handBacks.backoff(n);
        log.warn(
                "Worker {}: {} of type {} cannot be settled now ({}); handing it back to the broker in {} ms"
                        + " (hand-back {} of {}, then the dead-job queue)",
                terms.workerId(),
                what(envelope),
                terms.type(),
                why,
                wait.toMillis(),
                n,
                handBacks.limit());
        try {
            handBacks.after(wait, delivery::requeue);
        } catch (RejectedExecutionException stopping) {
            delivery.requeue();
        }
    }

    /**
     * Ends the job: a copy in the dead-job queue with the reason, then its DEAD row (none when
     * {@code recordDead} is null, the row having been refused), then the ack.
     */
    void deadLetter(Envelope envelope, String reason, Supplier<CompletableFuture<?>> recordDead) {
        if (claim()) {
            endDead(envelope, reason, recordDead, 1);
        }
    }

    /** A message that is not a runnable job: dead-job queue and a DEAD audit row, never a redelivery loop. */
    void poison(String reason) {
        log.warn(
                "Worker {}: poison message on the queue of type {} sent to the dead-job queue: {}",
                terms.workerId(),
                terms.type(),
                reason);
        deadLetter(null, reason, () -> terms.attempts().recordPoison(delivery, terms.type(), reason));
    }

    /** A decoded job that can never run (its payload does not decode): dead at once, never retried. */
    void poison(Envelope envelope, String reason) {
        log.warn(
                "Worker {}: job {} of type {} sent to the dead-job queue: {}",
                terms.workerId(),
                envelope.jobId(),
                terms.type(),
                reason);
        deadLetter(envelope, reason, () -> terms.attempts().recordDead(envelope, reason));
    }

    private void endDead(Envelope envelope, String reason, Supplier<CompletableFuture<?>> recordDead, int tries) {
        terms.deadJobs().copy(delivery, terms.type(), envelope, reason).whenComplete((ignored, copyFailure) -> {
            if (copyFailure != null) {
                holdForAnotherCopy(envelope, reason, recordDead, tries, copyFailure);
                return;
            }
            CompletableFuture<?> recorded;
            try {
                recorded = recordDead == null ? CompletableFuture.completedFuture(null) : recordDead.get();
            } catch (RuntimeException | Error e) {
                recorded = CompletableFuture.failedFuture(e);
            }
            recorded.whenComplete((stored, recordFailure) -> {
                if (recordFailure == null || isPermanent(recordFailure)) {
                    terms.handBacks().forget(delivery);
                    delivery.ack();
                } else {
                    // Only when the audit writer is closing: the copy is in the dead-job queue already.
                    delivery.requeue();
                }
            });
        });
    }

    private void holdForAnotherCopy(
            Envelope envelope,
            String reason,
            Supplier<CompletableFuture<?>> recordDead,
            int tries,
            Throwable copyFailure) {
        if (!terms.running().getAsBoolean() || !delivery.channel().isOpen()) {
            log.warn(
                    "Worker {}: the dead-job copy of {} was not published ({}); the broker redelivers it",
                    terms.workerId(),
                    what(envelope),
                    describe(copyFailure));
            return;
        }
        Duration wait = terms.handBacks().backoff(tries);
        log.warn(
                "Worker {}: the dead-job copy of {} was not published ({}); holding the delivery and trying again"
                        + " in {} ms",
                terms.workerId(),
                what(envelope),
                describe(copyFailure),
                wait.toMillis());
        try {
            terms.handBacks().after(wait, () -> endDead(envelope, reason, recordDead, tries + 1));
        } catch (RejectedExecutionException stopping) {
            // Stopping: the delivery goes back to the queue when its channel closes.
        }
    }

    /**
     * Runs a step of the execution; a throwable it lets out (which would vanish inside a future)
     * is logged with the job and the delivery handed back. No handler thread ends on a throwable.
     *
     * @param envelope the decoded job, or null before decoding
     */
    void guarded(Envelope envelope, Runnable step) {
        try {
            step.run();
        } catch (Throwable unexpected) {
            log.error(
                    "Worker {}: unexpected failure in {} of type {}; its delivery is handed back, the worker keeps"
                            + " running",
                    terms.workerId(),
                    what(envelope),
                    terms.type(),
                    unexpected);
            handBack(envelope, "unexpected failure: " + HandlerCall.describe(unexpected));
        }
    }

    private boolean claim() {
        return settled.compareAndSet(false, true);
    }

    private String what(Envelope envelope) {
        return envelope != null ? "job " + envelope.jobId() : "an undecoded message (delivery " + delivery.tag() + ")";
    }

    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getName();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
