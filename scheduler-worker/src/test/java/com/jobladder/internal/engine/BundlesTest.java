package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.ScheduledJob;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobContext;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.amqp.BundleCodec;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs submitted together travel as bundles (several jobs in one message) and each still runs
 * once, on time, settled on its own; a bundle's bad job is poison alone, a bundle whose structure
 * is broken is poison as a whole, and a bundle that comes back from a worker is split into
 * one-job messages before anything runs.
 */
@Tag("integration")
class BundlesTest {
    private static final String TYPE = "bundled";
    /** Quorum queues, as deployed: the delivery counts and requeues a bundle meets are theirs. */
    private static final String QUORUM = "jobladder.ladder.queue-type = quorum";

    @TempDir
    Path dataDir;

    /** The handler of every test: when each job ran, by id. */
    private static final class Runs implements JobHandler {
        private final Map<String, List<Instant>> starts = new ConcurrentHashMap<>();

        @Override
        public void handle(JobContext job) {
            starts.computeIfAbsent(job.jobId(), id -> new CopyOnWriteArrayList<>())
                    .add(Instant.now());
        }

        int jobs() {
            return starts.size();
        }

        Map<String, List<Instant>> all() {
            return Map.copyOf(starts);
        }

        void eachRanOnceNeverEarly(String jobId, Instant dueAt) {
            assertThat(starts.get(jobId)).as("runs of %s", jobId).hasSize(1);
            assertThat(starts.get(jobId).get(0)).as("start of %s", jobId).isAfterOrEqualTo(dueAt);
        }
    }

    @Test
    void jobsSubmittedTogetherTravelInBundlesAndEachRunsOnceNeverEarly() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("bundles"), dataDir, QUORUM);
        Runs runs = new Runs();
        int jobs = 2_000;
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of(TYPE, runs));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            List<CompletableFuture<ScheduledJob>> submitted = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                long delay = ThreadLocalRandom.current().nextLong(0, 3_000);
                submitted.add(scheduler.scheduleAsync(
                        JobRequest.ofType(TYPE).id("b-" + i).after(Duration.ofMillis(delay))));
            }
            List<ScheduledJob> scheduled = new ArrayList<>();
            for (CompletableFuture<ScheduledJob> future : submitted) {
                scheduled.add(future.join());
            }

            Poll.until(Duration.ofSeconds(60), () -> runs.jobs() == jobs, () -> runs.jobs() + " of " + jobs + " ran");
            Poll.until(
                    Duration.ofSeconds(15),
                    () -> worker.store().attemptCount() == jobs,
                    () -> worker.store().attemptCount() + " audit rows, expected " + jobs);
            scheduled.forEach(job -> runs.eachRanOnceNeverEarly(job.id(), job.dueAt()));
            WorkerStats stats = worker.stats();
            assertThat(stats.bundleCount()).as("bundles the worker opened").isPositive();
            assertThat(stats.bundledJobCount())
                    .as("jobs that came in bundles (%d bundles)", stats.bundleCount())
                    .isGreaterThanOrEqualTo(2 * stats.bundleCount());
            assertThat(scheduler.status("b-0").state()).isEqualTo(JobState.SUCCEEDED);
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> TestBroker.unacknowledged(queue(config)) == 0,
                    () -> "every bundle acked");
        }
    }

    @Test
    void aCallerSchedulingOneJobAtATimeNeverWaitsForTheLinger() throws Exception {
        // A call that waited for the 2 s linger would take at least 2 s. The next call follows the
        // confirm at once, so it also catches a round still marked under way as its confirm completes.
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("bundle-lone"), dataDir, QUORUM + "\njobladder.broker.bundle-linger = 2s");
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build()) {
            Duration slowest = Duration.ZERO;
            for (int i = 0; i < 100; i++) {
                long start = System.nanoTime();
                scheduler.schedule(JobRequest.ofType(TYPE).id("lone-" + i).after(Duration.ofHours(1)));
                Duration call = Duration.ofNanos(System.nanoTime() - start);
                slowest = call.compareTo(slowest) > 0 ? call : slowest;
            }
            assertThat(slowest)
                    .as("the slowest of 100 calls one after the other")
                    .isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aBadJobInABundleEndsDeadAloneWhileTheOthersRun() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("bundle-bad"), dataDir, QUORUM);
        Runs runs = new Runs();
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of(TYPE, runs));
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            Instant now = Instant.now();
            List<Envelope> envelopes = List.of(
                    envelope("good-1", now, null),
                    envelope("too-many-attempts", now, 2_000_000),
                    envelope("good-2", now.plusMillis(300), null));
            publish(channel, config, BundleCodec.encode(envelopes), envelopes.size());

            Poll.until(Duration.ofSeconds(30), () -> runs.jobs() == 2, () -> "good jobs that ran: " + runs.all());
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> worker.store().status("too-many-attempts").state() == JobState.DEAD,
                    () -> "the bad job dead: " + worker.store().status("too-many-attempts"));
            assertThat(runs.all()).containsOnlyKeys("good-1", "good-2");
            runs.eachRanOnceNeverEarly("good-1", envelopes.get(0).dueAt());
            runs.eachRanOnceNeverEarly("good-2", envelopes.get(2).dueAt());
            assertThat(deadReasons(channel, config)).singleElement().asString().contains("job-max-attempts = 2000000");
            assertThat(worker.store().status("too-many-attempts").attempts())
                    .singleElement()
                    .extracting(JobAttempt::outcome)
                    .isEqualTo(JobAttempt.Outcome.DEAD);
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> TestBroker.unacknowledged(queue(config)) == 0,
                    () -> "the bundle acked once its three jobs were settled");
        }
    }

    @Test
    void aBundleWhoseStructureIsBrokenEndsDeadAsAWholeWithItsReason() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("bundle-broken"), dataDir, QUORUM);
        Runs runs = new Runs();
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of(TYPE, runs));
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            byte[] whole = BundleCodec.encode(List.of(envelope("cut-1", Instant.now(), null)));
            byte[] cut = Arrays.copyOf(whole, whole.length - 2);
            publish(channel, config, cut, 1);
            publish(channel, config, "JLB?garbage".getBytes(StandardCharsets.UTF_8), 5);

            Poll.until(
                    Duration.ofSeconds(30),
                    () -> worker.store().attemptCount() == 2,
                    () -> worker.store().attemptCount() + " DEAD rows, expected 2");
            assertThat(deadReasons(channel, config))
                    .hasSize(2)
                    .anySatisfy(reason ->
                            assertThat(reason).contains("malformed bundle: job 0 of the bundle has a payload of"))
                    .anySatisfy(reason -> assertThat(reason).contains("malformed bundle: bundle body does not start"));
            assertThat(runs.all()).isEmpty();
        }
    }

    @Test
    void aBundleThatComesBackFromAWorkerIsSplitIntoOneJobMessagesAndEachRunsOnceWhenDue() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("bundle-back"), dataDir, QUORUM);
        Runs runs = new Runs();
        List<Envelope> envelopes = new ArrayList<>();
        Instant due = Instant.now().plusSeconds(4);
        for (int i = 0; i < 20; i++) {
            envelopes.add(envelope("back-" + i, due.plusMillis(10L * i), null));
        }
        try (Connection connection = TestBroker.connect()) {
            // The queue exists before the worker: a worker of the type declares it as it starts.
            try (WorkerDaemon declaring = TestWorkers.start(config, Map.of(TYPE, job -> {}))) {
                declaring.stop();
            }
            Channel taker = connection.createChannel();
            publish(taker, config, BundleCodec.encode(envelopes), envelopes.size());
            AtomicReference<GetResponse> taken = new AtomicReference<>();
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> taken.updateAndGet(got -> got != null ? got : take(taker, queue(config))) != null,
                    () -> "the bundle in the queue");
            assertThat(taken.get().getEnvelope().isRedeliver()).isFalse();
            taker.close(); // unacked: the broker requeues it as redelivered

            try (WorkerDaemon worker = TestWorkers.start(config, Map.of(TYPE, runs))) {
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> runs.jobs() == envelopes.size(),
                        () -> runs.jobs() + " of " + envelopes.size() + " ran");
                envelopes.forEach(envelope -> runs.eachRanOnceNeverEarly(envelope.jobId(), envelope.dueAt()));
                assertThat(worker.stats().bundleCount())
                        .as("the bundle, opened once and split")
                        .isEqualTo(1);
                Poll.until(
                        Duration.ofSeconds(10),
                        () -> TestBroker.unacknowledged(queue(config)) == 0,
                        () -> "the bundle and its one-job copies acked");
            }
        }
    }

    @Test
    void jobsOfABundleHeldAsTheWorkerStopsAreHandedBackAloneAndRunOnceByTheNext() throws Exception {
        // Held from 10 s before due: the jobs are still held when the first worker stops.
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("bundle-stop"), dataDir, QUORUM + "\njobladder.worker.hold-margin = 10s");
        Runs runs = new Runs();
        List<Envelope> envelopes = new ArrayList<>();
        Instant due = Instant.now().plusSeconds(5);
        for (int i = 0; i < 50; i++) {
            envelopes.add(envelope("held-" + i, due.plusMillis(i), null));
        }
        try (Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            try (WorkerDaemon first = TestWorkers.start(config, Map.of(TYPE, runs))) {
                publish(channel, config, BundleCodec.encode(envelopes), envelopes.size());
                Poll.until(
                        Duration.ofSeconds(10),
                        () -> first.stats().heldCount() == envelopes.size(),
                        () -> first.stats().heldCount() + " held, expected " + envelopes.size());
                first.stop();
            }
            assertThat(runs.all()).as("nothing ran before its due time").isEmpty();
            try (WorkerDaemon second = TestWorkers.start(config, Map.of(TYPE, runs))) {
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> runs.jobs() == envelopes.size(),
                        () -> runs.jobs() + " of " + envelopes.size() + " ran");
                envelopes.forEach(envelope -> runs.eachRanOnceNeverEarly(envelope.jobId(), envelope.dueAt()));
                assertThat(second.stats().bundleCount())
                        .as("the handed-back jobs came back one by one")
                        .isZero();
            }
        }
    }

    private static GetResponse take(Channel channel, String queue) {
        try {
            return channel.basicGet(queue, false);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Envelope envelope(String id, Instant dueAt, Integer maxAttempts) {
        return new Envelope(
                id,
                TYPE,
                id.getBytes(StandardCharsets.UTF_8),
                "text/plain",
                dueAt,
                1,
                Instant.now(),
                null,
                maxAttempts);
    }

    /** Straight into the worker queue, as the bottom of the ladder delivers it. */
    private static void publish(Channel channel, SchedulerConfig config, byte[] body, int jobs) throws IOException {
        AMQP.BasicProperties properties = BundleCodec.properties("bundle-test", TYPE, jobs);
        channel.basicPublish("", queue(config), properties, body);
    }

    private static String queue(SchedulerConfig config) {
        return config.topologyNames().workerQueue(TYPE);
    }

    private static List<String> deadReasons(Channel channel, SchedulerConfig config) throws IOException {
        List<String> reasons = new ArrayList<>();
        GetResponse response;
        while ((response = channel.basicGet(config.topologyNames().deadQueue(), true)) != null) {
            reasons.add(String.valueOf(response.getProps().getHeaders().get(EnvelopeCodec.DEAD_REASON)));
        }
        return reasons;
    }
}
