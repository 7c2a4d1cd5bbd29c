package com.jobladder.internal.deadjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.amqp.BundleCodec;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing the dead jobs (scheduler dead, the dashboard, the redrive preview) leaves them where
 * they are, however often: on a quorum queue every unacked return counts as a delivery, and
 * RabbitMQ 4.0 drops a message at its 21st by default. A dead bundle shows its jobs one by one.
 */
@Tag("integration")
class DeadJobReadsTest {
    private static final String SETTINGS = """
            jobladder.ladder.queue-type = quorum
            jobladder.job-types.doomed { max-attempts = 1 }
            """;
    private static final List<String> JOBS = List.of("dead-1", "dead-2", "dead-3");

    @TempDir
    Path dataDir;

    @Test
    void aHundredListingsLoseNoDeadJobAndKeepTheirOrder() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("dead-reads"), dataDir, SETTINGS);
        JobHandler failing = job -> {
            throw new IllegalStateException("downstream is down");
        };
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build();
                BrokerSession session = BrokerSession.open(config, "test-dead-reads", Clock.systemUTC())) {
            try (WorkerDaemon worker = TestWorkers.start(config, Map.of("doomed", failing))) {
                for (String id : JOBS) {
                    scheduler.schedule(JobRequest.ofType("doomed").id(id).now());
                    Poll.until(
                            Duration.ofSeconds(20),
                            () -> scheduler.status(id).state() == JobState.DEAD,
                            () -> id + " is dead, status " + scheduler.status(id));
                }
            }
            DeadJobs deadJobs = new DeadJobs(session.connection(), session.publisher(), config, Clock.systemUTC());
            String deadQueue = config.topologyNames().deadQueue();

            for (int read = 1; read <= 100; read++) {
                int shown = read;
                assertThat(deadJobs.list(10))
                        .as("listing %d", shown)
                        .extracting(DeadJob::jobId)
                        .containsExactlyElementsOf(JOBS);
            }
            assertThat(deadJobs.list(1)).extracting(DeadJob::jobId).containsExactly("dead-1");
            assertThat(deadJobs.redrive(job -> false)).isEmpty();
            assertThat(deadJobs.list(10)).extracting(DeadJob::jobId).containsExactlyElementsOf(JOBS);
            try (Channel channel = session.connection().createChannel()) {
                assertThat(channel.queueDeclarePassive(deadQueue).getMessageCount())
                        .as("messages in the dead-job queue after the listings")
                        .isEqualTo(JOBS.size());
            }
        }
    }

    @Test
    void aDeadBundleIsListedJobByJobAndARedriveTakesOnlyTheJobsItNames() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("dead-bundle"), dataDir, SETTINGS);
        Set<String> ran = ConcurrentHashMap.newKeySet();
        JobHandler succeeding = job -> ran.add(job.jobId());
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build();
                BrokerSession session = BrokerSession.open(config, "test-dead-bundle", Clock.systemUTC())) {
            // A worker declares the dead-job queue; the bundle reaches it as one the delivery limit ended.
            TestWorkers.start(config, Map.of("doomed", succeeding)).close();
            Instant now = Instant.now();
            List<Envelope> envelopes = Stream.of("b-1", "b-2", "b-3")
                    .map(id -> new Envelope(
                            id, "doomed", id.getBytes(StandardCharsets.UTF_8), "text/plain", now, 1, now, null, null))
                    .toList();
            AMQP.BasicProperties bundle = BundleCodec.properties("bundle-dead", "doomed", envelopes.size());
            Map<String, Object> headers = new HashMap<>(bundle.getHeaders());
            headers.put(EnvelopeCodec.DEAD_REASON, "delivery limit reached");
            String deadQueue = config.topologyNames().deadQueue();
            try (Channel channel = session.connection().createChannel()) {
                channel.confirmSelect();
                channel.basicPublish(
                        "", deadQueue, true, bundle.builder().headers(headers).build(), BundleCodec.encode(envelopes));
                channel.waitForConfirmsOrDie(10_000);
            }
            DeadJobs deadJobs = new DeadJobs(session.connection(), session.publisher(), config, Clock.systemUTC());

            assertThat(deadJobs.list(10))
                    .extracting(DeadJob::jobId, DeadJob::type, DeadJob::reason)
                    .containsExactly(
                            tuple("b-1", "doomed", "delivery limit reached"),
                            tuple("b-2", "doomed", "delivery limit reached"),
                            tuple("b-3", "doomed", "delivery limit reached"));
            assertThat(deadJobs.list(2)).extracting(DeadJob::jobId).containsExactly("b-1", "b-2");
            assertThat(deadJobs.redrive(DeadJobs.withId("nobody"))).isEmpty();
            try (Channel channel = session.connection().createChannel()) {
                assertThat(channel.queueDeclarePassive(deadQueue).getMessageCount())
                        .as("a bundle nothing was taken from stays whole")
                        .isEqualTo(1);
            }

            assertThat(deadJobs.redrive(DeadJobs.withId("b-2")))
                    .extracting(DeadJob::jobId)
                    .containsExactly("b-2");
            assertThat(deadJobs.list(10))
                    .extracting(DeadJob::jobId, DeadJob::reason)
                    .containsExactly(tuple("b-1", "delivery limit reached"), tuple("b-3", "delivery limit reached"));
            try (Channel channel = session.connection().createChannel()) {
                assertThat(channel.queueDeclarePassive(deadQueue).getMessageCount())
                        .as("the jobs left, each a dead message of its own")
                        .isEqualTo(2);
            }
            try (WorkerDaemon worker = TestWorkers.start(config, Map.of("doomed", succeeding))) {
                Poll.until(
                        Duration.ofSeconds(20),
                        () -> scheduler.status("b-2").state() == JobState.SUCCEEDED,
                        () -> "the redriven b-2 ran, status " + scheduler.status("b-2"));
            }
            assertThat(ran).containsExactly("b-2");
        }
    }
}
