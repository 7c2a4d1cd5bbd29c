package com.jobladder.bench.load;

import com.jobladder.api.ContentTypes;
import com.jobladder.api.JobIds;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.amqp.JobPublisher;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.QueueType;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Submitting one job at a time from one thread, each call waiting for the broker's confirm, three
 * ways side by side:
 * <ul>
 *   <li>JobLadder's {@code schedule} of a job due in an hour;</li>
 *   <li>the raw broker doing the same (plain amqp-client: a persistent 300-byte message,
 *       mandatory, into a plain queue of the ladder's queue type, then {@code waitForConfirmsOrDie});</li>
 *   <li>plain amqp-client publishing the very message {@code schedule} sends (its properties and
 *       headers) to the ladder exchange and routing key {@code schedule} picks, built before the
 *       clock starts.</li>
 * </ul>
 * The third splits what JobLadder adds into the broker's part (the rung against a plain queue) and
 * the client's ({@code schedule} against the same publish done raw). The three take turns call by
 * call, so that a hiccup of the machine (a slow fsync, the other core busy) lands on all alike:
 * in rounds of a few hundred calls each, one such second decided the ratio of two p99s.
 */
public final class OneByOne {
    public static final int PAYLOAD_BYTES = 300;
    private static final long MAX_MICROS = 3_600_000_000L;
    private static final Duration DUE_IN = Duration.ofHours(1);
    private static final long CONFIRM_WAIT_MILLIS = 60_000;

    private OneByOne() {}

    /** {@code n} calls of each way, taking turns; latency per call in microseconds. */
    public static Comparison compare(JobScheduler scheduler, String type, SchedulerConfig config, int n)
            throws Exception {
        Histogram schedule = new Histogram(MAX_MICROS, 3);
        Histogram raw = new Histogram(MAX_MICROS, 3);
        Histogram rawToRung = new Histogram(MAX_MICROS, 3);
        byte[] payload = new byte[PAYLOAD_BYTES];
        try (RawPlainQueue plain = new RawPlainQueue(config);
                RawToRung rung = new RawToRung(config)) {
            for (int i = 0; i < n; i++) {
                // Each goes first in turn: none always follows the same one.
                for (int turn = 0; turn < 3; turn++) {
                    switch ((i + turn) % 3) {
                        case 0 -> {
                            JobRequest job = JobRequest.ofType(type)
                                    .payload(payload, ContentTypes.BYTES)
                                    .after(DUE_IN);
                            long start = System.nanoTime();
                            scheduler.schedule(job);
                            record(schedule, start);
                        }
                        case 1 -> plain.publish(raw, payload);
                        default -> rung.publish(rawToRung, type, payload);
                    }
                }
            }
        }
        return new Comparison(schedule, raw, rawToRung);
    }

    private static void record(Histogram micros, long startNanos) {
        micros.recordValue(Math.max(1, (System.nanoTime() - startNanos) / 1_000));
    }

    /** A queue of the ladder's type declared for the purpose and deleted afterwards, with a confirm channel. */
    private static final class RawPlainQueue implements AutoCloseable {
        private static final AMQP.BasicProperties PERSISTENT =
                new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        private final Connection connection;
        private final Channel channel;
        private final String queue =
                "bench-raw-confirm-" + UUID.randomUUID().toString().substring(0, 8);

        RawPlainQueue(SchedulerConfig config) throws Exception {
            connection = BrokerConnections.open(config.broker(), "jobladder-bench-raw-confirm");
            channel = connection.createChannel();
            String queueType = config.ladder().queueType() == QueueType.QUORUM ? "quorum" : "classic";
            channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", queueType));
            channel.confirmSelect();
        }

        void publish(Histogram micros, byte[] body) throws Exception {
            long start = System.nanoTime();
            channel.basicPublish("", queue, true, PERSISTENT, body);
            channel.waitForConfirmsOrDie(CONFIRM_WAIT_MILLIS);
            record(micros, start);
        }

        @Override
        public void close() throws IOException {
            try {
                channel.queueDelete(queue);
            } finally {
                connection.close();
            }
        }
    }

    /** The message {@code schedule} would send, published raw to the rung it would enter. */
    private static final class RawToRung implements AutoCloseable {
        private final BrokerSession session;
        private final Channel channel;

        RawToRung(SchedulerConfig config) throws Exception {
            session = BrokerSession.open(config, "jobladder-bench-raw-ladder", Clock.systemUTC());
            channel = session.connection().createChannel();
            channel.confirmSelect();
        }

        void publish(Histogram micros, String type, byte[] body) throws Exception {
            Instant now = Instant.now();
            Envelope envelope = new Envelope(
                    JobIds.generate(now), type, body, ContentTypes.BYTES, now.plus(DUE_IN), 1, now, null, null);
            JobPublisher.Target target = session.publisher().target(envelope);
            AMQP.BasicProperties properties = EnvelopeCodec.properties(envelope);
            long start = System.nanoTime();
            channel.basicPublish(target.exchange(), target.routingKey(), true, properties, body);
            channel.waitForConfirmsOrDie(CONFIRM_WAIT_MILLIS);
            record(micros, start);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    /** Latencies in microseconds of {@code schedule}, a raw publish to a plain queue, and the same message raw to its rung. */
    public record Comparison(Histogram schedule, Histogram raw, Histogram rawToRung) {
        double p99Ratio() {
            return ratio(schedule, raw, 99);
        }

        /** Calls per second one thread makes, from the mean latency. */
        public static double perSecond(Histogram micros) {
            return 1e6 / micros.getMean();
        }

        public List<String> describe() {
            return List.of(
                    line("`schedule` one by one, 1 thread", schedule),
                    line("raw publish + wait for confirm, 1 thread", raw),
                    line(
                            "raw publish of `schedule`'s message to its ladder rung + wait for confirm, 1 thread",
                            rawToRung),
                    String.format(
                            "`schedule` p99 / raw p99 = %.2f = broker path %.2f (raw to the rung / raw plain)"
                                    + " x client %.2f (`schedule` / raw to the rung); p50: %.2f = %.2f x %.2f",
                            p99Ratio(),
                            ratio(rawToRung, raw, 99),
                            ratio(schedule, rawToRung, 99),
                            ratio(schedule, raw, 50),
                            ratio(rawToRung, raw, 50),
                            ratio(schedule, rawToRung, 50)));
        }

        private static String line(String what, Histogram micros) {
            return String.format(
                    "%s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms (%,d calls)",
                    what,
                    micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0,
                    micros.getValueAtPercentile(99.9) / 1000.0,
                    micros.getTotalCount());
        }

        private static double ratio(Histogram over, Histogram under, double percentile) {
            return over.getValueAtPercentile(percentile) / (double) Math.max(1, under.getValueAtPercentile(percentile));
        }
    }
}
