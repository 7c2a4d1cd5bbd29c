package com.jobladder.internal.engine;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobIds;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job as the consumer received it: a message, or one job of a bundle. Its tag belongs to
 * {@code channel}: it is settled there or not at all (a channel that closed has given its
 * deliveries back to the queue).
 *
 * @param bundle the bundle the job came in, which settles it ({@link Bundle}); null for a message of its own
 */
record Delivery(
        Channel channel, long tag, AMQP.BasicProperties properties, byte[] body, boolean redelivered, Bundle bundle) {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    /** A message of its own. */
    Delivery(Channel channel, long tag, AMQP.BasicProperties properties, byte[] body, boolean redelivered) {
        this(channel, tag, properties, body, redelivered, null);
    }

    /** Acks on the delivery's own channel; a closed channel has requeued it already, so there is nothing to ack. */
    void ack() {
        if (bundle != null) {
            bundle.settled();
            return;
        }
        if (!channel.isOpen()) {
            log.debug(
                    "delivery {} ({}) not acked: its channel closed and the broker requeued it",
                    tag,
                    properties.getType());
            return;
        }
        try {
            channel.basicAck(tag, false);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Cannot ack delivery {} ({}): {}; the broker will redeliver it and the success check will"
                            + " skip it",
                    tag,
                    properties.getType(),
                    e.getMessage());
        }
    }

    /**
     * Gives the delivery back to its queue now; a closed channel has done so already. With
     * {@code basic.reject}: RabbitMQ counts it against a quorum queue's delivery limit on every
     * version, while from 4.3 it no longer counts {@code basic.nack}, and the limit is the safety
     * net for a message that can never be settled. A job of a bundle goes back alone, as a copy
     * ({@link Bundle#handedBack}).
     */
    void requeue() {
        if (bundle != null) {
            bundle.handedBack(this);
            return;
        }
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.basicReject(tag, true);
        } catch (IOException | RuntimeException e) {
            // The channel is gone: the broker requeues every unacked delivery by itself.
        }
    }

    /** The message id when it is a usable job id, otherwise a fresh one that says where it came from. */
    String jobIdOrPoisonId() {
        try {
            return JobIds.requireValid(properties.getMessageId());
        } catch (InvalidRequestException e) {
            return "poison-" + UUID.randomUUID();
        }
    }
}
