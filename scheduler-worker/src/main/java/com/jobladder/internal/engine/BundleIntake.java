package com.jobladder.internal.engine;

import com.jobladder.internal.amqp.BundleCodec;
import com.jobladder.internal.amqp.MalformedEnvelopeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a bundle (several jobs in one message, docs/wire-format.md): each job is admitted as a
 * delivery of its own and the message is acked once all are settled ({@link Bundle}). A bundle
 * that comes back (redelivered after a worker stopped or died holding it) is first split into
 * one-job messages at the tail of the queue, each confirmed, and only then acked: from there on
 * each job counts its own delivery attempts, so a job that kills its worker reaches the dead-job
 * queue alone. A bundle whose structure does not decode is poison as a whole.
 */
final class BundleIntake implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(BundleIntake.class);

    private final Delivery message;
    private final Settlement settlement;
    private final Parts parts;

    /**
     * What opening the bundles of one type takes.
     *
     * @param executions what runs one job from its delivery
     * @param handlers   the type's handler pool, which takes each job
     */
    record Parts(
            String type,
            String workerId,
            Function<Delivery, Runnable> executions,
            ExecutorService handlers,
            WorkerQueueCopy copies,
            HandBacks handBacks,
            WorkerStats stats) {}

    BundleIntake(Delivery message, Settlement settlement, Parts parts) {
        this.message = message;
        this.settlement = settlement;
        this.parts = parts;
    }

    @Override
    public void run() {
        settlement.guarded(null, this::open);
    }

    private void open() {
        List<BundleCodec.Job> jobs;
        try {
            jobs = BundleCodec.decode(message.properties(), message.body());
        } catch (MalformedEnvelopeException e) {
            settlement.poison("malformed bundle: " + e.getMessage());
            return;
        }
        parts.stats().bundleOpened(jobs.size());
        if (message.redelivered() || HandBacks.brokerCount(message) > 0) {
            split(jobs, 1);
            return;
        }
        Bundle bundle = new Bundle(message, parts.type(), parts.copies(), jobs.size());
        for (BundleCodec.Job job : jobs) {
            Delivery delivery = bundle.job(job);
            try {
                parts.handlers().execute(parts.executions().apply(delivery));
            } catch (RejectedExecutionException stopping) {
                delivery.requeue();
            }
        }
    }

    /** Copies each job alone to the tail of the queue, tries again those whose copy failed, acks when all are in. */
    private void split(List<BundleCodec.Job> jobs, int tries) {
        List<CompletableFuture<Void>> copies = new ArrayList<>(jobs.size());
        for (BundleCodec.Job job : jobs) {
            copies.add(parts.copies()
                    .copy(
                            job.properties(),
                            job.body(),
                            parts.type(),
                            String.valueOf(job.properties().getMessageId())));
        }
        CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure == null) {
                log.info(
                        "Worker {}: a redelivered bundle of {} jobs of type {} was split into one-job messages",
                        parts.workerId(),
                        jobs.size(),
                        parts.type());
                message.ack();
                return;
            }
            if (!message.channel().isOpen()) {
                return;
            }
            List<BundleCodec.Job> failed = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                if (copies.get(i).isCompletedExceptionally()) {
                    failed.add(jobs.get(i));
                }
            }
            Duration wait = parts.handBacks().backoff(tries);
            log.warn(
                    "Worker {}: {} of the {} jobs of a redelivered bundle of type {} could not be put back alone ({});"
                            + " holding the bundle and trying again in {} ms",
                    parts.workerId(),
                    failed.size(),
                    jobs.size(),
                    parts.type(),
                    Settlement.describe(failure),
                    wait.toMillis());
            try {
                parts.handBacks().after(wait, () -> split(failed, tries + 1));
            } catch (RejectedExecutionException stopping) {
                // Stopping: the bundle goes back to the queue when its channel closes.
            }
        });
    }
}
