package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.JobType;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.worker.Worker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class TypedJobsTest {
    public record Email(String to, String subject) {}

    static final JobType<Email> SEND_EMAIL = JobType.json("send-email", Email.class);

    @TempDir
    Path dataDir;

    @Test
    void aTypedHandlerReceivesThePayloadItWasScheduledWith() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("typed"), dataDir);
        List<Email> received = new CopyOnWriteArrayList<>();
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        try (Worker worker = Worker.builder()
                        .settings(config)
                        .handle(SEND_EMAIL, (email, job) -> {
                            received.add(email);
                            contentTypes.add(job.contentType());
                        })
                        .start();
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(SEND_EMAIL
                    .with(new Email("ada@example.com", "Hello"))
                    .id("mail-1")
                    .after(Duration.ofMillis(300)));

            Poll.until(
                    Duration.ofSeconds(15),
                    () -> scheduler.status("mail-1").state() == JobState.SUCCEEDED,
                    () -> "mail-1 succeeded, status " + scheduler.status("mail-1"));
            assertThat(received).containsExactly(new Email("ada@example.com", "Hello"));
            assertThat(contentTypes).containsExactly("application/json");
        }
    }

    @Test
    void aPayloadThatDoesNotDecodeIsDeadAtOnceWithItsReasonAndTheWorkerCarriesOn() throws Exception {
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("undecodable"), dataDir, "jobladder.job-types.send-email.max-attempts = 5");
        List<Email> received = new CopyOnWriteArrayList<>();
        try (Worker worker = Worker.builder()
                        .settings(config)
                        .handle(SEND_EMAIL, (email, job) -> received.add(email))
                        .start();
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build();
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            // What a producer that does not use JobType, or an older one, might send.
            scheduler.schedule(JobRequest.ofType("send-email")
                    .id("garbled")
                    .payload("{\"to\": ".getBytes(StandardCharsets.UTF_8), "text/plain")
                    .now());
            scheduler.schedule(SEND_EMAIL
                    .with(new Email("bob@example.com", "Next"))
                    .id("after-garbled")
                    .now());

            Poll.until(
                    Duration.ofSeconds(15),
                    () -> scheduler.status("after-garbled").state() == JobState.SUCCEEDED,
                    () -> "after-garbled succeeded, status " + scheduler.status("after-garbled"));
            Poll.until(
                    Duration.ofSeconds(15),
                    () -> scheduler.status("garbled").state() == JobState.DEAD,
                    () -> "garbled is dead, status " + scheduler.status("garbled"));

            assertThat(received).containsExactly(new Email("bob@example.com", "Next"));
            JobAttempt attempt = scheduler.status("garbled").attempts().get(0);
            assertThat(scheduler.status("garbled").attempts())
                    .as("never retried")
                    .hasSize(1);
            assertThat(attempt.outcome()).isEqualTo(JobAttempt.Outcome.DEAD);
            String reason = "the payload of job type send-email does not decode with JSON codec for "
                    + Email.class.getName() + " (application/json): ";
            assertThat(attempt.error())
                    .startsWith(reason)
                    .contains("end-of-input")
                    .endsWith("(it arrived with content type text/plain)");

            String deadQueue = config.topologyNames().deadQueue();
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> count(channel, deadQueue) == 1,
                    () -> count(channel, deadQueue) + " messages in the dead-job queue, expected 1");
            GetResponse dead = channel.basicGet(deadQueue, true);
            assertThat(dead.getProps().getMessageId()).isEqualTo("garbled");
            assertThat(dead.getProps()
                            .getHeaders()
                            .get(EnvelopeCodec.DEAD_REASON)
                            .toString())
                    .startsWith(reason);
            assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"to\": ");
        }
    }

    private static long count(Channel channel, String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
