package com.jobladder.internal.deadjobs;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads every message of a queue once and leaves none of them returned unacked: each message is
 * either taken by the visitor or published again at the queue's tail, confirmed, and only then
 * acked. A quorum queue counts every unacked return as a delivery, and RabbitMQ 4.0 gives quorum
 * queues a default delivery limit of 20: a listing that returned what it read would drop the
 * whole queue on its 21st run. One full pass keeps the queue's order.
 *
 * <p>If the reader dies between the copy's confirm and the original's ack, the message is in the
 * queue twice; a pass never loses one. A visitor may also put back part of a message in its place
 * (the jobs of a dead bundle it did not redrive), confirmed like a copy.
 */
final class QueuePass {
    /** Messages read before their copies are confirmed and the originals acked together. */
    private static final int BATCH = 128;

    private static final long CONFIRM_TIMEOUT_MILLIS = 30_000;

    /** A message as it is read, or as it is put back. */
    record Message(AMQP.BasicProperties properties, byte[] body) {}

    /** What the pass does with one message. */
    interface Visitor {
        /**
         * @return what stays in the queue in the message's place: the message itself to keep it,
         *     nothing when the visitor has taken it (published it elsewhere, confirmed), or the
         *     part of it that was not taken
         */
        List<Message> visit(Message message) throws IOException;
    }

    private QueuePass() {}

    /** Visits each message that was in {@code queue} when the pass began, oldest first. */
    static void over(Connection connection, String queue, Visitor visitor) throws IOException {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            AtomicReference<String> returned = new AtomicReference<>();
            channel.addReturnListener(r -> returned.set(r.getReplyCode() + " " + r.getReplyText()));
            long total = channel.queueDeclarePassive(queue).getMessageCount();
            long lastUnacked = -1;
            int inBatch = 0;
            for (long seen = 0; seen < total; seen++) {
                GetResponse response = channel.basicGet(queue, false);
                if (response == null) {
                    break;
                }
                List<Message> kept;
                try {
                    kept = visitor.visit(new Message(response.getProps(), response.getBody()));
                } catch (IOException | RuntimeException e) {
                    // Settle the messages before this one, whose copies are out: unacked, they would
                    // come back beside their copies. This one goes back when the channel closes.
                    if (lastUnacked >= 0) {
                        settle(channel, queue, lastUnacked, returned);
                    }
                    throw e;
                }
                for (Message copy : kept) {
                    channel.basicPublish("", queue, true, copyOf(copy.properties()), copy.body());
                }
                lastUnacked = response.getEnvelope().getDeliveryTag();
                if (++inBatch == BATCH) {
                    settle(channel, queue, lastUnacked, returned);
                    inBatch = 0;
                    lastUnacked = -1;
                }
            }
            if (lastUnacked >= 0) {
                settle(channel, queue, lastUnacked, returned);
            }
        } catch (TimeoutException e) {
            throw new IOException("timed out closing the channel of a pass over " + queue, e);
        }
    }

    /** Acks the originals up to {@code tag} once every copy is confirmed; a copy that failed acks none. */
    private static void settle(Channel channel, String queue, long tag, AtomicReference<String> returned)
            throws IOException {
        try {
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the broker to confirm copies into " + queue, e);
        } catch (TimeoutException e) {
            throw new IOException("the broker did not confirm the copies into " + queue + " in time", e);
        }
        if (returned.get() != null) {
            throw new IOException("the broker returned a copy published back into " + queue + " (" + returned.get()
                    + "): the originals stay in the queue");
        }
        channel.basicAck(tag, true);
    }

    /**
     * The message as it was, without the delivery count a quorum queue adds on redelivery: that
     * count belongs to the broker, not to the copy.
     */
    private static AMQP.BasicProperties copyOf(AMQP.BasicProperties properties) {
        if (properties.getHeaders() == null || !properties.getHeaders().containsKey("x-delivery-count")) {
            return properties;
        }
        Map<String, Object> headers = new HashMap<>(properties.getHeaders());
        headers.remove("x-delivery-count");
        return properties.builder().headers(headers).build();
    }
}
