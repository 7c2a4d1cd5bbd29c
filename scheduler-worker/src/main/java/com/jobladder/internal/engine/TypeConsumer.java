package com.jobladder.internal.engine;

import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.concurrent.Backoff;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consuming channel of one job type, kept consuming. Connection failures are the client's
 * automatic recovery's to mend; a channel the broker closes on its own (a consumer that held a
 * delivery past {@code consumer_timeout}) or a consumer it cancels (the queue was deleted) is
 * replaced here: a new channel, the queue declared again, a new consumer. The broker callbacks
 * only schedule that work on {@code recovery}, with back-off while it fails. Deliveries of the
 * old channel are not acked on the new one (tags belong to a channel): the broker requeued them.
 */
final class TypeConsumer {
    private static final Logger log = LoggerFactory.getLogger(TypeConsumer.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Connection connection;
    private final TopologyDeclarer declarer;
    private final String type;
    private final String workerId;
    private final Function<Delivery, Runnable> executions;
    private final int prefetch;
    private final ExecutorService handlers;
    private final HeldJobs held;
    private final ScheduledExecutorService recovery;
    /** True from a broker's stop until the new consumer consumes. */
    private final AtomicBoolean replacing = new AtomicBoolean();
    /** Written by start and by the recovery thread only; read by callbacks, which never lock. */
    private volatile Channel channel;

    private volatile String consumerTag;
    private volatile boolean stopped;

    TypeConsumer(
            Connection connection,
            TopologyDeclarer declarer,
            String type,
            String workerId,
            Function<Delivery, Runnable> executions,
            int prefetch,
            ExecutorService handlers,
            HeldJobs held,
            ScheduledExecutorService recovery) {
        this.connection = connection;
        this.declarer = declarer;
        this.type = type;
        this.workerId = workerId;
        this.executions = executions;
        this.prefetch = prefetch;
        this.handlers = handlers;
        this.held = held;
        this.recovery = recovery;
    }

    String type() {
        return type;
    }

    ExecutorService handlers() {
        return handlers;
    }

    HeldJobs held() {
        return held;
    }

    /** True while its channel is open with a consumer on it (not stopped, not being re-created). */
    boolean consuming() {
        Channel current = channel;
        return !stopped && !replacing.get() && current != null && current.isOpen() && consumerTag != null;
    }

    /** Opens the channel and starts consuming; at start a failure is the caller's. */
    void start() throws IOException {
        channel = connection.createChannel();
        consume(channel);
    }

    private void consume(Channel fresh) throws IOException {
        declarer.declareWorkerQueue(fresh, type);
        fresh.basicQos(prefetch);
        fresh.addShutdownListener(cause -> {
            held.forget(fresh);
            closedBy(fresh, cause);
        });
        consumerTag = fresh.basicConsume(
                declarer.names().workerQueue(type),
                false,
                new JobConsumer(fresh, executions, handlers, () -> cancelledByBroker(fresh)));
    }

    private void closedBy(Channel closed, ShutdownSignalException cause) {
        // Application-initiated closes are ours; a hard error is the connection's, which recovers by itself.
        if (!cause.isInitiatedByApplication() && !cause.isHardError()) {
            replaceLater(closed, "the broker closed its channel: " + cause.getMessage());
        }
    }

    private void cancelledByBroker(Channel cancelled) {
        replaceLater(
                cancelled,
                "the broker cancelled its consumer (was the queue "
                        + declarer.names().workerQueue(type) + " deleted?)");
    }

    /** Called from broker callbacks: only schedules, and only once until the replacement consumes. */
    private void replaceLater(Channel old, String why) {
        if (stopped || old != channel || !replacing.compareAndSet(false, true)) {
            return;
        }
        log.warn(
                "Worker {}: the consumer of type {} stopped: {}; re-creating its channel and consumer; deliveries"
                        + " in flight on the old channel go back to the queue",
                workerId,
                type,
                why);
        schedule(Duration.ZERO, 1);
    }

    private void schedule(Duration wait, int tries) {
        try {
            recovery.schedule(() -> replace(tries), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The daemon is stopping: nothing to consume for.
        }
    }

    /**
     * Runs on the recovery thread only, one chain of tries at a time: a channel error while a
     * replacement is under way is that replacement's to retry, with its back-off.
     */
    private void replace(int tries) {
        if (stopped) {
            return;
        }
        BrokerSession.closeQuietly(channel);
        try {
            Channel fresh = connection.createChannel();
            channel = fresh;
            consume(fresh);
            replacing.set(false);
            log.warn("Worker {}: the consumer of type {} is consuming again on a new channel", workerId, type);
        } catch (IOException | RuntimeException e) {
            Duration wait = Backoff.doubled(FIRST_RETRY, tries - 1, MAX_RETRY);
            log.warn(
                    "Worker {}: cannot re-create the consumer of type {} ({}); trying again in {} ms",
                    workerId,
                    type,
                    e.getMessage(),
                    wait.toMillis());
            schedule(wait, tries + 1);
        }
    }

    /** Stops taking deliveries; the ones in flight still settle on the open channel. */
    void stopConsuming() {
        stopped = true;
        try {
            channel.basicCancel(consumerTag);
        } catch (IOException | RuntimeException e) {
            log.debug("cancelling the consumer of {} failed: {}", type, e.getMessage());
        }
    }
}
