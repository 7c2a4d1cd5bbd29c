package com.jobladder.internal.relay;

import com.jobladder.api.JobLimits;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.JobPublisher;
import com.jobladder.internal.amqp.SafeText;
import com.jobladder.internal.concurrent.Backoff;
import com.jobladder.internal.config.DelayedExchange;
import com.jobladder.internal.config.HandBackSettings;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in what producers publish to one delayed exchange: the exchange routes every message to
 * an intake queue, and each is published into the ladder as a relay job due {@code x-delay} from
 * now, then acked once the broker confirmed the job. A publish that fails is tried again after a
 * back-off while the delivery stays unacked, so a message is always in the intake queue, the
 * ladder, or both (a crash in between duplicates it).
 */
final class RelayIntake implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelayIntake.class);
    /** Quorum queues add it to a redelivered message: it is the broker's, not the producer's. */
    private static final String DELIVERY_COUNT = "x-delivery-count";

    private static final int PREFETCH = 1000;
    private static final int REFUSAL_CHARS = 1000;

    private final DelayedExchange exchange;
    private final Channel channel;
    private final JobPublisher ladder;
    private final ExecutorService taking;
    private final ScheduledExecutorService retrying;
    private final HandBackSettings backoff;
    private final int maxPayloadBytes;
    private final Clock clock;

    private RelayIntake(
            DelayedExchange exchange,
            Channel channel,
            JobPublisher ladder,
            ExecutorService taking,
            ScheduledExecutorService retrying,
            HandBackSettings backoff,
            int maxPayloadBytes,
            Clock clock) {
        this.exchange = exchange;
        this.channel = channel;
        this.ladder = ladder;
        this.taking = taking;
        this.retrying = retrying;
        this.backoff = backoff;
        this.maxPayloadBytes = maxPayloadBytes;
        this.clock = clock;
    }

    /** Declares the delayed exchange, its intake queue and binding, and starts consuming. */
    static RelayIntake start(
            Connection connection,
            DelayedExchange exchange,
            String intakeQueue,
            Map<String, Object> queueArguments,
            JobPublisher ladder,
            ExecutorService taking,
            ScheduledExecutorService retrying,
            HandBackSettings backoff,
            int maxPayloadBytes,
            Clock clock)
            throws IOException {
        // Declared on the channel that stays open, so that amqp-client declares them again after a recovery.
        Channel channel = connection.createChannel();
        try {
            channel.exchangeDeclare(exchange.name(), BuiltinExchangeType.FANOUT, true);
            channel.queueDeclare(intakeQueue, true, false, false, queueArguments);
            channel.queueBind(intakeQueue, exchange.name(), "");
            channel.basicQos(PREFETCH);
            RelayIntake intake =
                    new RelayIntake(exchange, channel, ladder, taking, retrying, backoff, maxPayloadBytes, clock);
            channel.basicConsume(
                    intakeQueue, false, "jobladder-relay-" + exchange.jobType(), intake::arrived, tag -> {});
            return intake;
        } catch (IOException | RuntimeException e) {
            BrokerSession.closeQuietly(channel);
            throw e;
        }
    }

    /** On the connection's thread: never block it. */
    private void arrived(String consumerTag, Delivery delivery) {
        Instant now = clock.instant();
        try {
            taking.execute(() -> publish(delivery.getEnvelope().getDeliveryTag(), job(delivery, now), 1));
        } catch (RejectedExecutionException stopping) {
            // Stopping: the delivery stays unacked and goes back to the queue with the channel.
        }
    }

    private Envelope job(Delivery delivery, Instant now) {
        AMQP.BasicProperties properties = delivery.getProperties();
        String refusal = null;
        Duration delay = Duration.ZERO;
        try {
            delay = XDelay.of(properties.getHeaders());
        } catch (XDelay.MalformedDelayException e) {
            refusal = SafeText.capped(e.getMessage(), REFUSAL_CHARS);
        }
        if (delivery.getEnvelope().isRedeliver()
                && properties.getHeaders() != null
                && properties.getHeaders().containsKey(DELIVERY_COUNT)) {
            Map<String, Object> headers = new HashMap<>(properties.getHeaders());
            headers.remove(DELIVERY_COUNT);
            properties = properties.builder().headers(headers).build();
        }
        byte[] payload = new RelayedMessage(
                        exchange.target(),
                        delivery.getEnvelope().getRoutingKey(),
                        properties,
                        delivery.getBody(),
                        refusal)
                .encode();
        Instant dueAt = now.plus(delay);
        if (refusal != null || payload.length > maxPayloadBytes || dueAt.isAfter(JobLimits.LATEST_DUE_AT)) {
            // Due now: the worker ends it dead at once, with the reason (the payload limit is checked on arrival).
            dueAt = now;
        }
        return new Envelope(
                "relay-" + UUID.randomUUID(),
                exchange.jobType(),
                payload,
                RelayedMessage.CONTENT_TYPE,
                dueAt,
                1,
                now,
                null,
                null);
    }

    private void publish(long tag, Envelope job, int attempt) {
        ladder.publish(job).whenComplete((ignored, failure) -> {
            if (!channel.isOpen()) {
                return; // The broker requeued the delivery as the channel closed; the job may be in the ladder too.
            }
            if (failure == null) {
                ack(tag);
                return;
            }
            Duration wait = Backoff.doubled(backoff.backoffBase(), attempt - 1, backoff.backoffCap());
            log.warn(
                    "Relay {}: a message could not enter the ladder ({}); trying again in {} ms, it stays in the"
                            + " intake queue meanwhile",
                    exchange.name(),
                    failure.getMessage(),
                    wait.toMillis());
            try {
                retrying.schedule(() -> publish(tag, job, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // Stopping: the delivery goes back to the queue with the channel.
            }
        });
    }

    private void ack(long tag) {
        try {
            channel.basicAck(tag, false);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Relay {}: cannot ack an intake delivery ({}); the broker redelivers it, which duplicates it",
                    exchange.name(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        BrokerSession.closeQuietly(channel);
    }
}
