package com.jobladder.worker;

import com.jobladder.amqp.Envelope;
import com.jobladder.amqp.EnvelopeCodec;
import com.jobladder.amqp.MalformedEnvelopeException;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.audit.AuditStore;
import com.jobladder.config.JobTypeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one delivery from decoding to acknowledgement. The delivery is acked only once its
 * audit row has committed, and only after any follow-up (retry, re-entry, dead-job copy) was
 * confirmed by the broker; whatever fails on the way, even an unexpected throwable, ends in a
 * {@link Settlement}: the delivery is handed back after a back-off or its job ends dead.
 */
final class JobExecution implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(JobExecution.class);

    private final Delivery delivery;
    private final TypeRuntime runtime;
    private final HeldJobs held;
    private final Settlement settlement;
    /** Set once decoded, so that an unexpected failure can name the job. */
    private volatile Envelope decoded;

    JobExecution(Delivery delivery, TypeRuntime runtime, HeldJobs held) {
        this.delivery = delivery;
        this.runtime = runtime;
        this.held = held;
        this.settlement = new Settlement(delivery, runtime);
    }

    /** No handler thread ends on a throwable: it is logged with the job and the delivery settled. */
    @Override
    public void run() {
        try {
            process();
        } catch (Throwable unexpected) {
            unexpected(unexpected);
        }
    }

    private void unexpected(Throwable unexpected) {
        Envelope envelope = decoded;
        log.error("Worker {}: unexpected failure in {} of type {}; its delivery is handed back, the worker keeps"
                        + " running", runtime.worker().id(), envelope == null ? "an undecoded message" : "job "
                        + envelope.jobId(), runtime.type(), unexpected);
        settlement.handBack(envelope, "unexpected failure: " + describe(unexpected));
    }

    private void process() {
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.decode(delivery.properties(), delivery.body());
        } catch (MalformedEnvelopeException e) {
            settlement.poison("malformed envelope: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            // Decoding reads nothing but the message: whatever it throws, the message is at fault.
            settlement.poison("malformed envelope: decoding failed with " + describe(e));
            return;
        }
        decoded = envelope;
        if (!envelope.type().equals(runtime.type())) {
            settlement.poison("job type " + envelope.type() + " arrived on the queue of type " + runtime.type()
                    + "; no handler serves it here");
            return;
        }
        if (envelope.payload().length > runtime.worker().maxPayloadBytes()) {
            settlement.poison("payload of " + envelope.payload().length + " bytes exceeds"
                    + " jobladder.worker.max-payload-bytes = " + runtime.worker().maxPayloadBytes());
            return;
        }
        if (envelope.dueAt().isAfter(runtime.clock().instant())) {
            if (!held.hold(delivery, envelope, this)) {
                reenter(envelope);
            }
            return;
        }
        execute(envelope, null);
    }

    /** A held job at its due instant, with the audit look-up its hold made (null if none). */
    void runDue(Envelope envelope, AuditStore.Precheck lookedUp) {
        try {
            execute(envelope, lookedUp);
        } catch (Throwable unexpected) {
            unexpected(unexpected);
        }
    }

    private void execute(Envelope envelope, AuditStore.Precheck lookedUp) {
        AuditStore.Precheck precheck = lookedUp != null ? lookedUp : runtime.awaitStore("look up job "
                + envelope.jobId(), () -> runtime.store().precheck(envelope.jobId()));
        if (precheck == null) {
            return;
        }
        Instant started = runtime.clock().instant();
        switch (precheck) {
            case ALREADY_SUCCEEDED -> finish(envelope, started, started, Outcome.DUPLICATE, null);
            case CANCELLED -> finish(envelope, started, started, Outcome.CANCELLED, null);
            case RUN -> runHandler(envelope, started);
        }
    }

    private void runHandler(Envelope envelope, Instant started) {
        String schedule = envelope.scheduleName();
        if (schedule != null && runtime.forbidsOverlap().test(schedule)) {
            Instant expires = started.plus(runtime.settings().timeout());
            Boolean locked = runtime.awaitStore("lock schedule " + schedule, () -> runtime.store()
                    .tryLockSchedule(schedule, envelope.jobId(), runtime.worker().id(), started, expires));
            if (locked == null) {
                return;
            }
            if (!locked) {
                finish(envelope, started, started, Outcome.SKIPPED, "skipped: schedule " + schedule
                        + " forbids overlap and its previous run is still going");
                return;
            }
            try {
                invokeHandler(envelope, started);
            } finally {
                runtime.awaitStore("unlock schedule " + schedule, () -> {
                    runtime.store().unlockSchedule(schedule, envelope.jobId());
                    return true;
                });
            }
            return;
        }
        invokeHandler(envelope, started);
    }

    private void invokeHandler(Envelope envelope, Instant started) {
        runtime.stats().started(runtime.type(), Duration.between(envelope.dueAt(), started));
        JobTypeSettings settings = runtime.settings();
        Thread self = Thread.currentThread();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = runtime.timer().schedule(() -> {
            timedOut.set(true);
            self.interrupt();
        }, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        RunningMark mark = new RunningMark(runtime, envelope, started);
        String error = null;
        try {
            runtime.handler().handle(new JobContext(envelope.jobId(), envelope.type(), envelope.payload(),
                    envelope.contentType(), envelope.dueAt(), envelope.attempt(), envelope.scheduleName()));
        } catch (Throwable e) {
            // StackOverflowError, OutOfMemoryError and any other Error fail the attempt like an exception.
            error = describe(e);
        } finally {
            watchdog.cancel(false);
            mark.finished();
            if (Thread.interrupted() && !timedOut.get()) {
                Thread.currentThread().interrupt();
            }
        }
        if (timedOut.get()) {
            error = "timed out after " + settings.timeout().toMillis() + " ms (job-types." + envelope.type()
                    + ".timeout)" + (error == null ? "" : "; " + error);
        }
        Instant finished = runtime.clock().instant();
        if (error == null) {
            finish(envelope, started, finished, Outcome.SUCCEEDED, null);
        } else {
            failed(envelope, started, finished, error);
        }
    }

    /**
     * The attempt's row carries the instant the handler returned, not the instant the row is
     * written: the retry's backoff counts from the former, and publishing the retry takes a
     * broker round trip before the row is written. A retry that cannot be published still gets
     * its row, saying so, and the delivery is handed back after a back-off.
     */
    private void failed(Envelope envelope, Instant started, Instant finished, String error) {
        int maxAttempts = RetryPolicy.maxAttempts(runtime.settings(), envelope.maxAttempts());
        if (envelope.attempt() >= maxAttempts) {
            String reason = "failed " + envelope.attempt() + " of " + maxAttempts + " attempts; last error: " + error;
            settlement.deadLetter(envelope, reason,
                    () -> runtime.record(envelope, started, finished, Outcome.DEAD, reason));
            return;
        }
        Duration backoff = RetryPolicy.backoff(runtime.settings(), envelope.attempt());
        Envelope retry = envelope.retry(envelope.attempt() + 1, finished.plus(backoff));
        log.debug("job {} attempt {} failed, retrying in {} ms: {}", envelope.jobId(), envelope.attempt(),
                backoff.toMillis(), error);
        runtime.publisher().publish(retry).whenComplete((ignored, publishFailure) -> guarded(() -> {
            if (publishFailure == null) {
                runtime.stats().retried(runtime.type());
                settleAfter(runtime.record(envelope, started, finished, Outcome.FAILED, error), envelope);
                return;
            }
            String why = "its retry could not be published: " + Settlement.describe(publishFailure);
            runtime.record(envelope, started, finished, Outcome.FAILED, error + "; " + why
                            + " (the delivery is handed back to the broker after a back-off)")
                    .whenComplete((stored, recordFailure) -> settlement.handBack(envelope, why));
        }));
    }

    private void finish(Envelope envelope, Instant started, Instant finished, Outcome outcome, String error) {
        settleAfter(runtime.record(envelope, started, finished, outcome, error), envelope);
    }

    private void reenter(Envelope envelope) {
        runtime.publisher().publish(envelope).whenComplete((ignored, failure) -> guarded(() -> {
            if (failure != null) {
                settlement.handBack(envelope, "it could not re-enter the ladder: " + Settlement.describe(failure));
                return;
            }
            runtime.stats().reentered();
            settlement.ack();
        }));
    }

    /** Ack when everything before it committed; otherwise the settlement decides. */
    private void settleAfter(CompletableFuture<?> lastStep, Envelope envelope) {
        lastStep.whenComplete((stored, failure) -> guarded(() -> settlement.after(failure, envelope)));
    }

    /** Runs a completion step; a throwable in it would vanish inside its future, so it is handled here. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (Throwable unexpected) {
            unexpected(unexpected);
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
