package com.jobladder.internal.deadjobs;

import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.amqp.JobPublisher;
import com.jobladder.internal.amqp.MalformedEnvelopeException;
import com.jobladder.internal.config.SchedulerConfig;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Lists and redrives the dead-job queue. Both read messages with {@code basic.get} without
 * acking; what is not redriven goes back to the queue when the channel closes.
 */
public final class DeadJobs {
    private final Connection connection;
    private final JobPublisher publisher;
    private final SchedulerConfig config;
    private final Clock clock;

    public DeadJobs(Connection connection, JobPublisher publisher, SchedulerConfig config, Clock clock) {
        this.connection = connection;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
    }

    /** Up to {@code limit} dead jobs, oldest first; the queue is left as it was. */
    public List<DeadJob> list(int limit) throws IOException {
        List<DeadJob> jobs = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            GetResponse response;
            while (jobs.size() < limit && (response = channel.basicGet(deadQueue(), false)) != null) {
                jobs.add(describe(response.getProps(), response.getBody()));
            }
        } catch (TimeoutException e) {
            throw new IOException("timed out closing the listing channel", e);
        }
        return jobs;
    }

    /**
     * Sends the dead jobs that match back into the ladder, due now, keeping their job ids and
     * giving each a fresh set of attempts. Poison messages stay where they are.
     *
     * @return the jobs redriven
     */
    public List<DeadJob> redrive(Predicate<DeadJob> which) throws IOException {
        List<DeadJob> redriven = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            long total = channel.queueDeclarePassive(deadQueue()).getMessageCount();
            for (long seen = 0; seen < total; seen++) {
                GetResponse response = channel.basicGet(deadQueue(), false);
                if (response == null) {
                    break;
                }
                DeadJob job = describe(response.getProps(), response.getBody());
                if (job.dueAt() == null || !which.test(job)) {
                    continue;
                }
                Envelope envelope = EnvelopeCodec.decode(withoutReason(response.getProps()), response.getBody());
                int attempt = envelope.attempt() + 1;
                Envelope again = new Envelope(
                        envelope.jobId(),
                        envelope.type(),
                        envelope.payload(),
                        envelope.contentType(),
                        clock.instant(),
                        attempt,
                        envelope.submittedAt(),
                        envelope.scheduleName(),
                        attempt + config.forType(envelope.type()).maxAttempts() - 1);
                publisher.publish(again).join();
                channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                redriven.add(job);
            }
        } catch (TimeoutException e) {
            throw new IOException("timed out closing the redrive channel", e);
        }
        return redriven;
    }

    /** Selections for {@link #redrive}, as {@code scheduler dead --redrive} and the dashboard offer them. */
    public static Predicate<DeadJob> all() {
        return job -> true;
    }

    public static Predicate<DeadJob> ofType(String type) {
        return job -> job.type().equals(type);
    }

    public static Predicate<DeadJob> withId(String jobId) {
        return job -> job.jobId().equals(jobId);
    }

    private String deadQueue() {
        return config.topologyNames().deadQueue();
    }

    private static DeadJob describe(AMQP.BasicProperties properties, byte[] body) {
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        Object reason = headers.get(EnvelopeCodec.DEAD_REASON);
        String shownReason = reason != null
                ? reason.toString()
                : "dead-lettered by the broker (delivery limit or" + " queue rejection)";
        try {
            Envelope envelope = EnvelopeCodec.decode(properties, body);
            return new DeadJob(
                    envelope.jobId(), envelope.type(), envelope.dueAt(), envelope.attempt(), shownReason, body.length);
        } catch (MalformedEnvelopeException e) {
            return new DeadJob(
                    String.valueOf(properties.getMessageId()),
                    String.valueOf(properties.getType()),
                    null,
                    0,
                    shownReason,
                    body.length);
        }
    }

    private static AMQP.BasicProperties withoutReason(AMQP.BasicProperties properties) {
        Map<String, Object> headers = new java.util.HashMap<>(properties.getHeaders());
        headers.remove(EnvelopeCodec.DEAD_REASON);
        headers.remove("x-death");
        return properties.builder().headers(headers).build();
    }
}
