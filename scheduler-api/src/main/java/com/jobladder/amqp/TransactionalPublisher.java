package com.jobladder.amqp;

import com.jobladder.api.ScheduleFailedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a batch in one AMQP transaction, so it is enqueued whole or not at all. A
 * transactional channel gets no confirms, so unroutable jobs are found another way: after the
 * publishes, a synchronous passive declare acts as a barrier (the broker answers commands on a
 * channel in order, so every {@code basic.return} has arrived by then); any return rolls the
 * whole batch back.
 */
public final class TransactionalPublisher implements AutoCloseable {
    private final Connection connection;
    private final JobPublisher router;
    private Channel channel;
    private final List<String> returned = new ArrayList<>();

    public TransactionalPublisher(Connection connection, JobPublisher router) {
        this.connection = connection;
        this.router = router;
    }

    public synchronized void publishAll(List<Envelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        String batch = envelopes.get(0).jobId() + (envelopes.size() > 1 ? " and " + (envelopes.size() - 1) + " more" : "");
        try {
            Channel tx = open();
            synchronized (returned) {
                returned.clear();
            }
            for (Envelope envelope : envelopes) {
                router.ensureWorkerQueue(envelope.type());
                JobPublisher.Target target = router.target(envelope);
                tx.basicPublish(target.exchange(), target.routingKey(), true, EnvelopeCodec.properties(envelope),
                        envelope.payload());
            }
            tx.queueDeclarePassive(router.names().unroutedQueue());
            List<String> unroutable;
            synchronized (returned) {
                unroutable = List.copyOf(returned);
            }
            if (!unroutable.isEmpty()) {
                tx.txRollback();
                throw new ScheduleFailedException(batch, "the batch was rolled back, nothing was scheduled: the broker"
                        + " returned " + unroutable + " as unroutable");
            }
            tx.txCommit();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ScheduleFailedException failed) {
                throw failed;
            }
            // Publishes before the failure are still in the open transaction: never let the next
            // batch's commit carry them.
            close();
            channel = null;
            throw new ScheduleFailedException(batch, "the transaction failed (" + e.getMessage() + "); if the"
                    + " connection dropped during txCommit the outcome is unknown, and scheduling again with the"
                    + " same job ids is safe", e);
        }
    }

    private Channel open() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Channel fresh = connection.createChannel();
            fresh.txSelect();
            fresh.addReturnListener(message -> {
                synchronized (returned) {
                    returned.add(message.getProperties().getMessageId());
                }
            });
            channel = fresh;
        }
        return channel;
    }

    @Override
    public synchronized void close() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | TimeoutException | RuntimeException e) {
                // The connection closes next; nothing else to release.
            }
        }
    }
}
