package com.jobladder.internal.amqp;

import com.jobladder.api.JobladderException;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * A recovering broker connection with the topology declared and a confirmed job publisher on
 * it: what the client, the worker and the operator commands all start from.
 */
public final class BrokerSession implements AutoCloseable {
    private static final int CLOSE_TIMEOUT_MS = 5_000;
    private final Connection connection;
    private final ScheduledExecutorService timer;
    /** Declares the topology again after each recovery: blocking work, kept off amqp-client's threads and the timer. */
    private final ScheduledExecutorService redeclaring;

    private final ConfirmedPublisher confirmed;
    private final JobPublisher publisher;
    private final TopologyDeclarer declarer;

    private BrokerSession(
            Connection connection,
            ScheduledExecutorService timer,
            ScheduledExecutorService redeclaring,
            ConfirmedPublisher confirmed,
            JobPublisher publisher,
            TopologyDeclarer declarer) {
        this.connection = connection;
        this.timer = timer;
        this.redeclaring = redeclaring;
        this.confirmed = confirmed;
        this.publisher = publisher;
        this.declarer = declarer;
    }

    /**
     * Connects, declares the delivery exchange and the ladder (idempotent), and readies publishing.
     * After every recovery of the connection the session declares them again, with every worker
     * queue it has declared.
     */
    public static BrokerSession open(SchedulerConfig config, String connectionName, Clock clock) {
        Connection connection = BrokerConnections.open(config.broker(), connectionName);
        TopologyDeclarer declarer = new TopologyDeclarer(config.topologyNames());
        DeclaringChannel declaring = new DeclaringChannel(connection, declarer);
        try {
            declaring.declareAll();
        } catch (IOException | RuntimeException e) {
            closeQuietly(connection);
            throw new JobladderException(
                    "declaring the delay ladder in namespace " + config.broker().namespace() + " failed: "
                            + brokerReason(e),
                    e);
        }
        ScheduledExecutorService redeclaring =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobladder-redeclare"));
        ScheduledExecutorService timer = SharedTimer.create();
        ConfirmedPublisher confirmed = new ConfirmedPublisher(connection, config.broker(), timer);
        RedeclareAfterRecovery.register(connection, declaring, confirmed, redeclaring);
        return new BrokerSession(
                connection,
                timer,
                redeclaring,
                confirmed,
                new JobPublisher(declaring, confirmed, declarer, clock),
                declarer);
    }

    public Connection connection() {
        return connection;
    }

    /** Timeouts and other short timed tasks; never block on it. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    public ConfirmedPublisher confirmedPublisher() {
        return confirmed;
    }

    public JobPublisher publisher() {
        return publisher;
    }

    public TopologyDeclarer declarer() {
        return declarer;
    }

    @Override
    public void close() {
        confirmed.close();
        timer.shutdownNow();
        redeclaring.shutdownNow();
        closeQuietly(connection);
    }

    /**
     * Closes without waiting for ever: a connection blocked by a memory or disk alarm is not read
     * by the broker, so its close-ok would never come; after the timeout the socket is dropped.
     */
    public static void closeQuietly(Connection connection) {
        try {
            connection.close(CLOSE_TIMEOUT_MS);
        } catch (IOException | RuntimeException e) {
            // Already gone: nothing left to release.
        }
    }

    /**
     * Closes a channel if it is still open. A failure means it is closed already or going with
     * its connection; either way the broker requeues what it held, and nothing is left to release.
     */
    public static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // See above: nothing to do.
        }
    }

    /**
     * What the broker said, for an operator: amqp-client's exceptions often carry it only in the
     * channel's close reason. A 406 means a queue or exchange of that name already exists with
     * other arguments.
     */
    static String brokerReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Channel.Close close) {
                String reason = close.getReplyCode() + " " + close.getReplyText();
                return close.getReplyCode() != AMQP.PRECONDITION_FAILED
                        ? reason
                        : reason + ". A queue or exchange"
                                + " of that name exists with other arguments, declared by another configuration or an"
                                + " older version: drain it and delete it (docs/operations.md, \"Upgrading\"), or use"
                                + " another jobladder.broker.namespace";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return failure.getClass().getName();
    }
}
