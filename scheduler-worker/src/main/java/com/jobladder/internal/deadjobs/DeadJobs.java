package com.jobladder.internal.deadjobs;

import com.jobladder.internal.amqp.BundleCodec;
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
import java.util.HashMap;
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
     * the whole queue, whatever the limit, so that the order stays the same. A dead bundle (one the
     * broker's delivery limit ended before a worker split it) shows each of its jobs.
     */
    public List<DeadJob> list(int limit) throws IOException {
        List<DeadJob> jobs = new ArrayList<>();
        QueuePass.over(connection, deadQueue(), message -> {
            for (QueuePass.Message job : jobsOf(message)) {
                if (jobs.size() < limit) {
                    jobs.add(describe(job));
                }
            }
            return List.of(message);
        });
        return jobs;
    }

    /**
     * Sends the dead jobs that match back into the ladder, due now, keeping their job ids and
     * giving each a fresh set of attempts. Poison messages stay where they are. A dead bundle with
     * a job that matches is split: that job is redriven and the others stay, each a dead message
     * of its own with the bundle's reason.
     *
     * @return the jobs redriven
     */
    public List<DeadJob> redrive(Predicate<DeadJob> which) throws IOException {
        List<DeadJob> redriven = new ArrayList<>();
        QueuePass.over(connection, deadQueue(), message -> {
            List<QueuePass.Message> jobs = jobsOf(message);
            List<QueuePass.Message> kept = new ArrayList<>();
            for (QueuePass.Message job : jobs) {
                DeadJob dead = describe(job);
                if (dead.dueAt() == null || !which.test(dead)) {
                    kept.add(job);
                } else {
                    redrive(job);
                    redriven.add(dead);
                }
            }
            return kept.size() == jobs.size() ? List.of(message) : kept;
        });
        return redriven;
    }

    private void redrive(QueuePass.Message job) {
        Envelope envelope = EnvelopeCodec.decode(withoutReason(job.properties()), job.body());
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
    }

    /**
     * The jobs of a dead message: itself, or the jobs of a bundle, each carrying the bundle's
     * reason. A bundle whose structure is broken is one undecodable message.
     */
    private static List<QueuePass.Message> jobsOf(QueuePass.Message message) {
        if (!BundleCodec.isBundle(message.properties())) {
            return List.of(message);
        }
        List<BundleCodec.Job> jobs;
        try {
            jobs = BundleCodec.decode(message.properties(), message.body());
        } catch (MalformedEnvelopeException broken) {
            return List.of(message);
        }
        Object reason = headers(message.properties()).get(EnvelopeCodec.DEAD_REASON);
        List<QueuePass.Message> split = new ArrayList<>(jobs.size());
        for (BundleCodec.Job job : jobs) {
            Map<String, Object> headers = new HashMap<>(headers(job.properties()));
            if (reason != null) {
                headers.put(EnvelopeCodec.DEAD_REASON, reason);
            }
            split.add(new QueuePass.Message(
                    job.properties().builder().headers(headers).build(), job.body()));
        }
        return split;
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

    private static DeadJob describe(QueuePass.Message message) {
        AMQP.BasicProperties properties = message.properties();
        byte[] body = message.body();
        Object reason = headers(properties).get(EnvelopeCodec.DEAD_REASON);
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

    private static Map<String, Object> headers(AMQP.BasicProperties properties) {
        return properties.getHeaders() == null ? Map.of() : properties.getHeaders();
    }

    private static AMQP.BasicProperties withoutReason(AMQP.BasicProperties properties) {
        Map<String, Object> headers = new HashMap<>(headers(properties));
        headers.remove(EnvelopeCodec.DEAD_REASON);
        headers.remove("x-death");
        return properties.builder().headers(headers).build();
    }
}
