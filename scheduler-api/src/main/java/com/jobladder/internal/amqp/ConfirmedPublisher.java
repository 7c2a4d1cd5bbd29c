package com.jobladder.internal.amqp;

import com.jobladder.api.ScheduleFailedException;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.BrokerSettings;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes with {@code mandatory=true} over a small pool of confirm-mode channels. Each
 * publish returns a future that completes on the broker's ack and fails on a nack, a return, a
 * lost channel, a blocked connection or the confirm timeout: never a silent loss, never a hang.
 *
 * <p>At most {@code max-in-flight} publishes await their confirm at once; one more waits in
 * {@link #publish} for a slot, up to the confirm timeout, and then fails. Slots are freed on the
 * connection's and the timer's threads, never on the callback threads, so a caller that publishes
 * from a callback cannot starve them.
 *
 * <p>The futures of {@link #publish} complete on this publisher's own callback threads, not on the
 * connection's I/O thread: a caller that chains a blocking {@code schedule} onto one must not
 * stop the thread that reads every confirm of the connection. A caller that only waits for the
 * outcome itself uses {@link #publishToAwait} and saves that thread hop.
 */
public final class ConfirmedPublisher implements AutoCloseable {
    private static final long CALLBACK_THREAD_IDLE_SECONDS = 60;

    private final ConfirmChannel[] channels;
    private final AtomicInteger next = new AtomicInteger();
    private final Duration confirmTimeout;
    private final InFlightSlots inFlight;
    private final ScheduledExecutorService timer;
    private final ExecutorService callbacks;
    private volatile String blockedReason;
    /** Set from the start of a recovery until the session's topology is declared again: see {@link #holdForTopology}. */
    private volatile boolean recovering;

    private volatile ConfirmObserver observer = ConfirmObserver.NONE;

    /** Told how long each publish waited for its confirm; metrics hang on it. */
    @FunctionalInterface
    public interface ConfirmObserver {
        ConfirmObserver NONE = (nanos, confirmed) -> {};

        /** Called on the thread that completes the publish; must not block. */
        void completed(long nanos, boolean confirmed);
    }

    public ConfirmedPublisher(Connection connection, BrokerSettings settings, ScheduledExecutorService timer) {
        this.channels = new ConfirmChannel[settings.publisherChannels()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = new ConfirmChannel(connection);
        }
        this.confirmTimeout = settings.confirmTimeout();
        this.inFlight = new InFlightSlots(settings.maxInFlight(), confirmTimeout);
        this.timer = timer;
        this.callbacks = callbackThreads();
        connection.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blockedReason = reason;
            }

            @Override
            public void handleUnblocked() {
                blockedReason = null;
            }
        });
    }

    /**
     * Callbacks may block (a {@code schedule} inside {@code thenAccept}): a thread is added when
     * all are busy and retired when idle, so one blocked callback never holds up the others.
     */
    private static ExecutorService callbackThreads() {
        return new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                CALLBACK_THREAD_IDLE_SECONDS,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                DaemonThreads.numbered("jobladder-callbacks"));
    }

    /**
     * Publishes, waiting up to the confirm timeout for an in-flight slot when {@code max-in-flight}
     * publishes already await their confirm. The future completes on a callback thread.
     */
    public CompletableFuture<Void> publish(
            String jobId, String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        return onCallbackThread(publishToAwait(jobId, exchange, routingKey, properties, body));
    }

    /**
     * As {@link #publish}, but the future completes on the connection's I/O thread: only for a
     * caller that waits on it itself and chains nothing onto it (a synchronous {@code schedule}).
     * Waking the caller straight from the confirm halves the thread hand-offs on its path.
     */
    public CompletableFuture<Void> publishToAwait(
            String jobId, String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        String refused = refusal();
        if (refused != null) {
            confirmed.completeExceptionally(new ScheduleFailedException(jobId, refused));
            return confirmed;
        }
        String noSlot = inFlight.acquire();
        if (noSlot != null) {
            confirmed.completeExceptionally(new ScheduleFailedException(jobId, noSlot));
            return confirmed;
        }
        var timeout = timer.schedule(
                () -> confirmed.completeExceptionally(new ScheduleFailedException(
                        jobId,
                        "no confirm from the broker within " + confirmTimeout.toMillis()
                                + " ms (jobladder.broker.confirm-timeout); the outcome is unknown, scheduling again with the"
                                + " same job id is safe")),
                confirmTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        long sentAt = System.nanoTime();
        ConfirmObserver told = observer;
        confirmed.whenComplete((ignored, error) -> {
            timeout.cancel(false);
            inFlight.release();
            told.completed(System.nanoTime() - sentAt, error == null);
        });
        ConfirmChannel channel = channels[Math.floorMod(next.getAndIncrement(), channels.length)];
        try {
            channel.publish(exchange, routingKey, properties, body, new ConfirmChannel.Pending(jobId, confirmed));
        } catch (IOException | RuntimeException e) {
            confirmed.completeExceptionally(
                    new ScheduleFailedException(jobId, "cannot open a channel to the broker: " + e.getMessage(), e));
        }
        return confirmed;
    }

    /** Why nothing may be sent now, or null. */
    private String refusal() {
        String blocked = blockedReason;
        if (blocked != null) {
            return "the broker is refusing publishes (" + blocked + "): a memory or disk alarm is raised; retry once it"
                    + " clears";
        }
        if (recovering) {
            return "the connection to the broker is recovering and the delay ladder, delivery exchange and worker"
                    + " queues are being declared again; nothing was sent, retry in a moment";
        }
        return null;
    }

    /**
     * Refuses every publish from the start of a connection recovery until {@link #topologyDeclared}.
     * amqp-client reopens the channels before the session has declared its topology again: a due
     * job published in between, to a node that lacks the worker queue's binding, would wait in the
     * unrouted queue instead of running, and one into a missing rung would be refused. A retryable
     * error costs the caller a retry; the unrouted queue costs an operator.
     */
    void holdForTopology() {
        recovering = true;
    }

    /** The session's topology is declared again: publishes go through. */
    void topologyDeclared() {
        recovering = false;
    }

    public void observe(ConfirmObserver newObserver) {
        this.observer = Objects.requireNonNull(newObserver, "observer");
    }

    /** Publishes sent and not yet confirmed, nacked or timed out. */
    public int inFlight() {
        return inFlight.inUse();
    }

    /** A copy of {@code source} that completes on a callback thread (or inline once they are shut down). */
    CompletableFuture<Void> onCallbackThread(CompletableFuture<Void> source) {
        CompletableFuture<Void> copy = new CompletableFuture<>();
        source.whenComplete((value, error) -> {
            Runnable complete = () -> {
                if (error == null) {
                    copy.complete(value);
                } else {
                    copy.completeExceptionally(error);
                }
            };
            try {
                callbacks.execute(complete);
            } catch (RejectedExecutionException closed) {
                complete.run();
            }
        });
        return copy;
    }

    @Override
    public void close() {
        for (ConfirmChannel channel : channels) {
            channel.close();
        }
        callbacks.shutdown();
    }
}
