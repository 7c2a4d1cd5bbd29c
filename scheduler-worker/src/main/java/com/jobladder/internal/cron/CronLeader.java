package com.jobladder.internal.cron;

import com.jobladder.internal.topology.Topology;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cron leadership through the broker: the leader is the daemon whose consumer is the active one on
 * a queue declared with {@code x-single-active-consumer=true}.
 *
 * <p><b>How a daemon learns it leads.</b> RabbitMQ picks the active consumer of a single-active-
 * consumer queue but tells AMQP 0-9-1 clients nothing: {@code basic.consume-ok} comes for every
 * consumer, active or waiting (only streams send a consumer-update). So the queue carries a
 * <em>token</em> message, and leading means holding a delivery of it unacknowledged:
 * <ul>
 *   <li>every daemon subscribes with manual acks and, on each {@code consume-ok} (start and every
 *       automatic recovery), publishes one persistent token, so a token exists as soon as anyone
 *       subscribed, even after the queue was purged or the broker lost it;</li>
 *   <li>only the active consumer gets deliveries: the first token it receives makes it leader and
 *       is never acked; further tokens (published by daemons that joined later) are acked, which
 *       deletes them, so the queue settles at one token;</li>
 *   <li>when the leader's channel or connection dies, the broker requeues its unacked token and
 *       hands it, with the active role, to the next consumer, which becomes leader on delivery;</li>
 *   <li>{@link #close()} steps down: leadership is dropped (listener told) <em>before</em> the token
 *       is nacked with requeue, so the old leader has stopped before the next one starts.</li>
 * </ul>
 * The queue is {@link com.jobladder.internal.topology.TopologyDeclarer#leaderQueue}: classic beside a classic
 * ladder, quorum (replicated, with a delivery limit no hand-over count reaches) beside a quorum one,
 * so that losing a cluster node never leaves the election without its queue.
 *
 * <p><b>Overlap.</b> A leader cut off from the broker keeps believing it leads until its own
 * heartbeat times out (about two heartbeat intervals), while the broker may already have handed
 * the token over. For that short time two leaders may publish the same fire; job ids are
 * deterministic ({@code schedule@fire-time}), so the worker runs it once.
 */
public final class CronLeader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CronLeader.class);
    private static final byte[] TOKEN = "jobladder cron leadership token".getBytes(StandardCharsets.UTF_8);

    /** Told on the broker's consumer thread whenever this daemon gains or loses leadership. */
    @FunctionalInterface
    public interface LeadershipListener {
        void leadershipChanged(boolean leader);
    }

    private final Connection connection;
    private final Topology.Queue queue;
    private final String daemonId;
    private final LeadershipListener listener;
    private final AtomicLong surplusTokensAcked = new AtomicLong();
    private Channel channel;
    private long heldToken = -1;
    private volatile boolean leader;
    private boolean closed;

    public CronLeader(Connection connection, Topology.Queue queue, String daemonId, LeadershipListener listener) {
        this.connection = connection;
        this.queue = queue;
        this.daemonId = daemonId;
        this.listener = listener;
    }

    /** Declares the queue (a no-op when it exists) and joins the election. */
    public synchronized void start() throws IOException {
        if (channel != null || closed) {
            return;
        }
        channel = connection.createChannel();
        channel.queueDeclare(queue.name(), true, false, false, queue.arguments());
        channel.basicConsume(queue.name(), false, "cron-leader-" + daemonId, new TokenConsumer(channel));
        LOG.info("Cron leader: {} joined the election on queue {}", daemonId, queue.name());
    }

    public boolean isLeader() {
        return leader;
    }

    /** Tokens this daemon deleted as surplus while leading; for tests and diagnostics. */
    long surplusTokensAcked() {
        return surplusTokensAcked.get();
    }

    /** Steps down if leading and leaves the election. Idempotent. */
    @Override
    public void close() {
        Channel open;
        long token;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            token = heldToken;
            open = channel;
            lose("stepping down");
        }
        // Outside the lock: closing waits for the broker, whose consumer thread may want the lock.
        if (open != null && open.isOpen()) {
            try {
                if (token >= 0) {
                    open.basicNack(token, false, true);
                }
                open.close();
            } catch (IOException
                    | java.util.concurrent.TimeoutException
                    | com.rabbitmq.client.AlreadyClosedException e) {
                LOG.debug("Cron leader: closing the election channel failed; the broker requeues the token anyway", e);
            }
        }
        LOG.info("Cron leader: {} left the election on queue {}", daemonId, queue.name());
    }

    private synchronized void gain(long deliveryTag) {
        heldToken = deliveryTag;
        leader = true;
        LOG.info("Cron leader: {} is now the cron leader", daemonId);
        notifyListener(true);
    }

    private synchronized void lose(String why) {
        heldToken = -1;
        if (!leader) {
            return;
        }
        leader = false;
        LOG.info("Cron leader: {} is no longer the cron leader ({})", daemonId, why);
        notifyListener(false);
    }

    private void notifyListener(boolean nowLeader) {
        try {
            listener.leadershipChanged(nowLeader);
        } catch (RuntimeException e) {
            LOG.error("Cron leader: the leadership listener failed. Will keep the election running", e);
        }
    }

    private final class TokenConsumer extends DefaultConsumer {
        TokenConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleConsumeOk(String consumerTag) {
            super.handleConsumeOk(consumerTag);
            try {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .deliveryMode(2)
                        .appId("jobladder")
                        .type("cron-leader-token")
                        .build();
                getChannel().basicPublish("", queue.name(), properties, TOKEN);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "Cron leader: {} could not publish a leadership token. Will rely on the other daemons'"
                                + " tokens",
                        daemonId,
                        e);
            }
        }

        @Override
        public void handleDelivery(
                String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            synchronized (CronLeader.this) {
                try {
                    if (closed) {
                        getChannel().basicNack(envelope.getDeliveryTag(), false, true);
                    } else if (heldToken < 0) {
                        gain(envelope.getDeliveryTag());
                    } else {
                        getChannel().basicAck(envelope.getDeliveryTag(), false);
                        surplusTokensAcked.incrementAndGet();
                    }
                } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
                    // The channel is closing: the broker requeues the token by itself.
                    LOG.debug("Cron leader: {} could not settle a token on a closing channel", daemonId, e);
                }
            }
        }

        @Override
        public void handleCancel(String consumerTag) {
            lose("the broker cancelled the subscription; was queue " + queue.name() + " deleted?");
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
            lose("channel closed: " + signal.getMessage());
        }
    }
}
