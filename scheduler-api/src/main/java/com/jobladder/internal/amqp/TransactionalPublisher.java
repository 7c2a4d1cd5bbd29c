package com.jobladder.internal.amqp;

import com.jobladder.api.ScheduleFailedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a batch in one AMQP transaction, so it is enqueued whole or not at all. A
 * transactional channel gets no confirms. Every exchange a job enters has the unrouted queue
 * behind it as its alternate, so a job routes somewhere as long as that queue exists: a passive
 * declare of it before the commit checks that (a missing queue closes the channel, and the
 * transaction with it). RabbitMQ routes a transaction's publishes only at the commit and sends
 * any {@code basic.return} before {@code commit-ok}: a job returned then (the unrouted queue
 * unbound by hand) was not scheduled while the rest of the batch was, and the exception says
 * which.
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
        String batch =
                envelopes.get(0).jobId() + (envelopes.size() > 1 ? " and " + (envelopes.size() - 1) + " more" : "");
        try {
            Channel tx = open();
            synchronized (returned) {
                returned.clear();
            }
            for (Envelope envelope : envelopes) {
                router.ensureWorkerQueue(envelope.type());
                JobPublisher.Target target = router.target(envelope);
                tx.basicPublish(
                        target.exchange(),
                        target.routingKey(),
                        true,
                        EnvelopeCodec.properties(envelope),
                        envelope.payload());
            }
            tx.queueDeclarePassive(router.names().unroutedQueue());
            List<String> unroutable = returnedSoFar();
            if (!unroutable.isEmpty()) {
                tx.txRollback();
                throw new ScheduleFailedException(
                        batch,
                        "the batch was rolled back, nothing was scheduled: the broker" + " returned " + unroutable
                                + " as unroutable");
            }
            tx.txCommit();
            unroutable = returnedSoFar();
            if (!unroutable.isEmpty()) {
                throw new ScheduleFailedException(
                        batch,
                        "the broker returned " + unroutable + " as unroutable at the"
                                + " commit: those jobs were not scheduled, the other "
                                + (envelopes.size() - unroutable.size())
                                + " were. Is " + router.names().unroutedQueue() + " still bound to the exchange "
                                + router.names().unroutedExchange() + "? Scheduling the whole batch again is safe: the"
                                + " scheduled jobs keep their ids");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ScheduleFailedException failed) {
                throw failed;
            }
            // Publishes before the failure are still in the open transaction: never let the next
            // batch's commit carry them.
            close();
            channel = null;
            String why = e.getMessage() != null ? e.getMessage() : String.valueOf(e.getCause());
            throw new ScheduleFailedException(
                    batch,
                    "the transaction failed (" + why + "); if the"
                            + " connection dropped during txCommit the outcome is unknown, and scheduling again with the"
                            + " same job ids is safe",
                    e);
        }
    }

    private List<String> returnedSoFar() {
        synchronized (returned) {
            return List.copyOf(returned);
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
        if (channel != null) {
            BrokerSession.closeQuietly(channel);
        }
    }
}
