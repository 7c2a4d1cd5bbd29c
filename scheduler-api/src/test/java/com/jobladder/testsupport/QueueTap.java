package com.jobladder.testsupport;

import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * Reads a worker queue in a test's place: every message decoded, in the order it arrived, with the
 * {@link System#nanoTime} of its arrival.
 */
public final class QueueTap implements AutoCloseable {
    private final Connection connection;
    private final List<Envelope> received = new CopyOnWriteArrayList<>();
    private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();

    private QueueTap(Connection connection) {
        this.connection = connection;
    }

    /** Consumes {@code queue}, which must exist, on the broker at {@code uri}; acknowledges every message. */
    public static QueueTap on(String uri, String queue) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (URISyntaxException | GeneralSecurityException e) {
            throw new IllegalArgumentException(uri, e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(500);
        QueueTap tap = new QueueTap(factory.newConnection("jobladder-test-tap"));
        Channel channel = tap.connection.createChannel();
        channel.basicConsume(
                queue,
                true,
                (tag, delivery) -> {
                    Envelope envelope = EnvelopeCodec.decode(delivery.getProperties(), delivery.getBody());
                    tap.arrivedAt.putIfAbsent(envelope.jobId(), System.nanoTime());
                    tap.received.add(envelope);
                },
                tag -> {});
        return tap;
    }

    public List<Envelope> received() {
        return List.copyOf(received);
    }

    /** When the first copy of the job arrived, in {@link System#nanoTime}, or null. */
    public Long arrivedAt(String jobId) {
        return arrivedAt.get(jobId);
    }

    @Override
    public void close() throws IOException {
        connection.abort();
    }
}
