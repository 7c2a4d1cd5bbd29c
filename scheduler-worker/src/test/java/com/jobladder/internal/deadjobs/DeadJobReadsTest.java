package com.jobladder.internal.deadjobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.Channel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing the dead jobs (scheduler dead, the dashboard, the redrive preview) leaves them where
 * they are, however often: on a quorum queue every unacked return counts as a delivery, and
 * RabbitMQ 4.0 drops a message at its 21st by default.
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
}
