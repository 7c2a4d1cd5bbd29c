package com.jobladder.internal.engine;

import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.amqp.MalformedEnvelopeException;
import com.jobladder.internal.audit.ExecutionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Takes one delivery from decoding to acknowledgement. The delivery is acked only once its
 * audit row has committed, and only after any follow-up (retry, re-entry, dead-job copy) was
 * confirmed by the broker; whatever fails on the way, even an unexpected throwable, ends in a
 * {@link Settlement}: the delivery is handed back after a back-off or its job ends dead.
 */
final class JobExecution implements Runnable {
    private final Delivery delivery;
    private final Settlement settlement;
    private final Steps steps;
    /** Made on the consumer's thread as the delivery arrives, before it waits for a handler thread. */
    private final Instant arrivedAt;

    /**
     * The steps every job of one type goes through, shared by its executions.
     *
     * @param maxPayloadBytes a larger payload is poison ({@code jobladder.worker.max-payload-bytes})
     * @param held            where an early arrival waits for its due instant
     * @param store           the audit look-up before the handler runs
     */
    record Steps(
            String type,
            int maxPayloadBytes,
            Clock clock,
            HeldJobs held,
            PatientStore store,
            OverlapGuard overlap,
            HandlerCall handler,
            WorkerStats stats,
            Outcomes outcomes) {}

    JobExecution(Delivery delivery, Settlement settlement, Steps steps) {
        this.delivery = delivery;
        this.settlement = settlement;
        this.steps = steps;
        this.arrivedAt = steps.clock().instant();
    }

    @Override
    public void run() {
        settlement.guarded(null, this::admit);
    }

    /** Decodes and checks the message, then runs it now, holds it until due, or sends it round the ladder. */
    private void admit() {
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.decode(delivery.properties(), delivery.body());
        } catch (MalformedEnvelopeException e) {
            settlement.poison("malformed envelope: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            // Decoding reads nothing but the message: whatever it throws, the message is at fault.
            settlement.poison("malformed envelope: decoding failed with " + HandlerCall.describe(e));
            return;
        }
        settlement.guarded(envelope, () -> admit(envelope));
    }

    private void admit(Envelope envelope) {
        if (!envelope.type().equals(steps.type())) {
            settlement.poison("job type " + envelope.type() + " arrived on the queue of type " + steps.type()
                    + "; no handler serves it here");
            return;
        }
        if (envelope.payloadLength() > steps.maxPayloadBytes()) {
            settlement.poison("payload of " + envelope.payloadLength() + " bytes exceeds"
                    + " jobladder.worker.max-payload-bytes = " + steps.maxPayloadBytes());
            return;
        }
        steps.stats().arrived(envelope.type(), Duration.between(envelope.dueAt(), arrivedAt));
        if (envelope.dueAt().isAfter(steps.clock().instant())) {
            if (!steps.held().hold(delivery, envelope, this)) {
                steps.outcomes().reenter(settlement, envelope);
            }
            return;
        }
        execute(envelope, null);
    }

    /** A held job at its due instant, with the audit look-up its hold made (null if none). */
    void runDue(Envelope envelope, ExecutionStore.Precheck lookedUp) {
        settlement.guarded(envelope, () -> execute(envelope, lookedUp));
    }

    private void execute(Envelope envelope, ExecutionStore.Precheck lookedUp) {
        ExecutionStore.Precheck precheck = lookedUp != null
                ? lookedUp
                : steps.store().await("look up job " + envelope.jobId(), store -> store.precheck(envelope.jobId()));
        if (precheck == null) {
            return;
        }
        Instant started = steps.clock().instant();
        switch (precheck) {
            case ALREADY_SUCCEEDED ->
                steps.outcomes().finish(settlement, envelope, started, started, Outcome.DUPLICATE, null);
            case CANCELLED -> steps.outcomes().finish(settlement, envelope, started, started, Outcome.CANCELLED, null);
            case RUN -> {
                if (steps.overlap().run(envelope, started, () -> runHandler(envelope, started))
                        == OverlapGuard.Verdict.SKIPPED) {
                    steps.outcomes()
                            .finish(
                                    settlement,
                                    envelope,
                                    started,
                                    started,
                                    Outcome.SKIPPED,
                                    "skipped:"
                                            + " schedule " + envelope.scheduleName()
                                            + " forbids overlap and its previous run is"
                                            + " still going");
                }
            }
        }
    }

    private void runHandler(Envelope envelope, Instant started) {
        steps.stats().started(envelope.type(), Duration.between(envelope.dueAt(), started));
        if (steps.handler().async()) {
            steps.handler()
                    .runAsync(envelope)
                    .thenAccept(result -> settlement.guarded(envelope, () -> settle(envelope, started, result)));
            return;
        }
        settle(envelope, started, steps.handler().run(envelope, started));
    }

    private void settle(Envelope envelope, Instant started, HandlerCall.Result result) {
        if (result.permanent()) {
            settlement.poison(envelope, result.error());
        } else if (result.error() == null) {
            steps.outcomes().finish(settlement, envelope, started, result.finished(), Outcome.SUCCEEDED, null);
        } else {
            steps.outcomes().failed(settlement, envelope, started, result.finished(), result.error());
        }
    }
}
