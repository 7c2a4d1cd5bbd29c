package com.jobladder.internal.deadjobs;

import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.amqp.JobPublisher;
import com.jobladder.internal.amqp.MalformedEnvelopeException;
import com.jobladder.internal.config.SchedulerConfig;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Lists and redrives the dead-job queue. Both read it in one {@link QueuePass}: nothing read is
 * returned unacked, so no listing spends a delivery attempt of the queue (RabbitMQ 4.0 drops a
 * quorum queue's message at its 21st by default).
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

    /**
     * Up to {@code limit} dead jobs, oldest first; the queue is left as it was. The pass goes over
     * the whole queue, whatever the limit, so that the order stays the same.
     */
    public List<DeadJob> list(int limit) throws IOException {
        List<DeadJob> jobs = new ArrayList<>();
        QueuePass.over(connection, deadQueue(), (properties, body) -> {
            if (jobs.size() < limit) {
                jobs.add(describe(properties, body));
            }
            return false;
        });
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
        QueuePass.over(connection, deadQueue(), (properties, body) -> {
            DeadJob job = describe(properties, body);
            if (job.dueAt() == null || !which.test(job)) {
                return false;
            }
            Envelope envelope = EnvelopeCodec.decode(withoutReason(properties), body);
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
            redriven.add(job);
            return true;
        });
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
