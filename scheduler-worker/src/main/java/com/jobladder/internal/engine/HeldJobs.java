package com.jobladder.internal.engine;

import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.audit.ExecutionStore;
import com.rabbitmq.client.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The final approach on one type's queue: a delivery that arrives before its due time (the
 * ladder aims early on purpose) is held, unacked, until that instant, when the type's handler
 * pool takes it. No thread waits for it. Its audit look-up is made {@code holdLookAhead} before
 * it is due, so the handler starts at the due instant.
 *
 * <p>Whoever takes a held job out of the set owns it: the due timer (starts it), a stopping
 * worker (puts a copy back in the queue, then acks it) or the loss of its channel (forgets it: the broker has
 * already requeued it, and its delivery tag means nothing on a recovered channel).
 */
final class HeldJobs {
    private static final Logger log = LoggerFactory.getLogger(HeldJobs.class);

    private final String type;
    private final String workerId;
    private final WorkerStats stats;
    private final Duration lookAhead;
    private final ExecutorService handlers;
    private final HoldTimer timer;
    private final HeldLookUps lookUps;
    private final Duration maxEarly;
    private final WorkerQueueCopy copies;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** One held delivery; its ack belongs to the delivery's channel. */
    private static final class Held {
        final Delivery delivery;
        final Envelope envelope;
        final JobExecution execution;
        volatile ScheduledFuture<?> lookUpTimer;
        volatile ScheduledFuture<?> dueTimer;
        volatile ExecutionStore.Precheck precheck;

        Held(Delivery delivery, Envelope envelope, JobExecution execution) {
            this.delivery = delivery;
            this.envelope = envelope;
            this.execution = execution;
        }
    }

    /**
     * @param maxEarly the earliest arrival held: the ladder's window + lead + the worker's margin;
     *                 an earlier one is sent round the ladder again
     * @param lookAhead how long before its due time a held job is looked up in the audit store
     */
    HeldJobs(
            String type,
            String workerId,
            WorkerStats stats,
            ExecutorService handlers,
            HoldTimer timer,
            HeldLookUps lookUps,
            Duration maxEarly,
            Duration lookAhead,
            WorkerQueueCopy copies) {
        this.type = type;
        this.workerId = workerId;
        this.stats = stats;
        this.lookAhead = lookAhead;
        this.handlers = handlers;
        this.timer = timer;
        this.lookUps = lookUps;
        this.maxEarly = maxEarly;
        this.copies = copies;
    }

    /**
     * Holds an early delivery until it is due. Returns false, holding nothing, when it arrived
     * earlier than this worker holds: the caller sends it back into the ladder.
     */
    boolean hold(Delivery delivery, Envelope envelope, JobExecution execution) {
        if (Duration.between(timer.now(), envelope.dueAt()).compareTo(maxEarly) > 0) {
            return false;
        }
        Held job = new Held(delivery, envelope, execution);
        held.add(job);
        stats.holding(1);
        if (closed) {
            handBack(job);
            return true;
        }
        try {
            job.lookUpTimer = timer.at(envelope.dueAt().minus(lookAhead), () -> lookUp(job));
            job.dueTimer = timer.at(envelope.dueAt(), () -> start(job));
        } catch (RejectedExecutionException stopping) {
            handBack(job);
        }
        return true;
    }

    /**
     * Gives every held job back to the broker at once and holds no more: a stopping worker does
     * not make them wait for it. Each goes back as a copy at the tail of its queue, confirmed before
     * the original is acked, so that a restart costs it none of its delivery attempts (a requeue
     * would count against the queue's delivery limit); one whose copy fails is requeued instead.
     * Returns once every copy is settled, or after {@code patience}.
     */
    int handBackAll(Duration patience) {
        closed = true;
        List<CompletableFuture<Void>> givenBack = new ArrayList<>();
        for (Held job : held) {
            if (release(job)) {
                givenBack.add(giveBack(job));
            }
        }
        try {
            CompletableFuture.allOf(givenBack.toArray(CompletableFuture[]::new))
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "Worker {}: not every held job of type {} was given back within {} ms; the broker redelivers the"
                            + " rest when the channel closes",
                    workerId,
                    type,
                    patience.toMillis());
        }
        return givenBack.size();
    }

    private CompletableFuture<Void> giveBack(Held job) {
        return copies.copy(job.delivery, type, job.envelope.jobId()).handle((copied, failure) -> {
            if (failure == null) {
                job.delivery.ack();
            } else {
                log.debug("Worker {}: held job {} requeued: {}", workerId, job.envelope.jobId(), failure.toString());
                job.delivery.requeue();
            }
            return null;
        });
    }

    /** Best effort: without an answer by its due time, the handler looks the job up itself. */
    private void lookUp(Held job) {
        if (held.contains(job)) {
            lookUps.request(job.envelope.jobId(), answer -> job.precheck = answer);
        }
    }

    private void start(Held job) {
        Instant now = timer.now();
        if (now.isBefore(job.envelope.dueAt())) {
            // The timer runs on the monotonic clock; the due time is wall-clock time. Never start early.
            job.dueTimer = timer.at(job.envelope.dueAt(), () -> start(job));
            return;
        }
        if (!release(job)) {
            return;
        }
        try {
            handlers.execute(() -> job.execution.runDue(job.envelope, job.precheck));
        } catch (RejectedExecutionException stopping) {
            job.delivery.requeue();
        }
    }

    /** A job held as the worker stops (after {@link #handBackAll}). */
    private void handBack(Held job) {
        if (release(job)) {
            giveBack(job);
        }
    }

    /**
     * The channel is gone, and with it every unacked delivery on it: the broker requeued them.
     * Every consuming channel of the type calls this when it shuts down.
     */
    void forget(Channel channel) {
        int forgotten = 0;
        for (Held job : held) {
            if (job.delivery.channel() == channel && release(job)) {
                forgotten++;
            }
        }
        if (forgotten > 0) {
            log.info(
                    "Worker {}: the channel of type {} closed; {} held jobs were requeued by the broker",
                    workerId,
                    type,
                    forgotten);
        }
    }

    private boolean release(Held job) {
        if (!held.remove(job)) {
            return false;
        }
        stats.holding(-1);
        cancel(job.lookUpTimer);
        cancel(job.dueTimer);
        return true;
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
