package com.jobladder.testsupport;

import com.jobladder.internal.amqp.BundleCodec;
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
 * Reads a worker queue in a test's place: every job decoded (each job of a bundle), in the order it
 * arrived, with the {@link System#nanoTime} of its arrival.
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
                    long now = System.nanoTime();
                    if (!BundleCodec.isBundle(delivery.getProperties())) {
                        tap.add(EnvelopeCodec.decode(delivery.getProperties(), delivery.getBody()), now);
                        return;
                    }
                    for (BundleCodec.Job job : BundleCodec.decode(delivery.getProperties(), delivery.getBody())) {
                        tap.add(EnvelopeCodec.decode(job.properties(), job.body()), now);
                    }
                },
                tag -> {});
        return tap;
    }

    private void add(Envelope envelope, long arrived) {
        arrivedAt.putIfAbsent(envelope.jobId(), arrived);
        received.add(envelope);
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
