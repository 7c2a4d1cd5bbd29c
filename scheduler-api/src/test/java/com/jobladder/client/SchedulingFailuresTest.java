package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobladderException;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TcpProxy;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class SchedulingFailuresTest {
    @TempDir
    Path dataDir;

    @Test
    void aBrokerThatGoesAwayMakesScheduleFailClearlyWithinTheConfirmTimeout() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT)) {
            SchedulerConfig direct = TestBroker.config(
                    TestBroker.uniqueNamespace("down"), dataDir, "jobladder.broker.confirm-timeout = 2s");
            SchedulerConfig config = direct.withBroker(direct.broker().withUri(TestBroker.uriVia(proxy.port())));
            try (JobScheduler scheduler =
                    JobSchedulerBuilder.fromSettings(config).build()) {
                scheduler.schedule(JobRequest.ofType("ping").after(Duration.ofSeconds(1)));
                proxy.cut();

                long started = System.nanoTime();
                assertThatThrownBy(() -> scheduler.schedule(
                                JobRequest.ofType("ping").id("after-cut").after(Duration.ofSeconds(1))))
                        .isInstanceOf(ScheduleFailedException.class)
                        .hasMessageStartingWith("job after-cut was not scheduled: ");
                // Bounded by the 2 s confirm timeout, not hanging; the slack is for a busy CI machine.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aBrokerThatIsDownWhenTheSchedulerStartsIsNamedInTheError() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SchedulerConfig direct = TestBroker.config(
                TestBroker.uniqueNamespace("nobroker"), dataDir, "jobladder.broker.connection-timeout = 2s");
        SchedulerConfig config =
                direct.withBroker(direct.broker().withUri("amqp://guest:secret@127.0.0.1:" + closedPort + "/x"));

        assertThatThrownBy(() -> JobSchedulerBuilder.fromSettings(config).build())
                .isInstanceOf(JobladderException.class)
                .hasMessageContaining("cannot connect to the broker at amqp://guest:***@127.0.0.1:" + closedPort)
                .hasMessageContaining("jobladder.broker.uri")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aFullLadderRungRefusesTheJobAndScheduleSaysSo() throws Exception {
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("full"),
                dataDir,
                "jobladder.ladder { radix = 2, unit = 1000ms, levels = 3, max-length = 1, window = 0, lead = 0 }");
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build()) {
            // A quorum queue applies its limit once it is reached, so a job or two may still get in.
            int accepted = 0;
            ScheduleFailedException refusal = null;
            while (refusal == null && accepted < 10) {
                try {
                    scheduler.schedule(
                            JobRequest.ofType("full").id("job-" + accepted).after(Duration.ofSeconds(4)));
                    accepted++;
                } catch (ScheduleFailedException e) {
                    refusal = e;
                }
            }

            System.out.println("full rung: accepted " + accepted + " before refusing");
            assertThat(accepted).isBetween(1, 3);
            assertThat(refusal)
                    .isNotNull()
                    .hasMessageContaining("job job-" + accepted + " was not scheduled")
                    .hasMessageContaining("nacked");
        }
    }

    @Test
    void jobsWhoseWorkerQueueWasDeletedEndInTheUnroutedQueueNotNowhere() throws Exception {
        // The full ladder: its 800 ms of hops leave time to delete the worker queue before any arrives.
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("orphan"), dataDir, "jobladder.ladder { window = 0, lead = 0 }");
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build();
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            for (int i = 0; i < 20; i++) {
                scheduler.schedule(JobRequest.ofType("orphan").after(Duration.ofMillis(800)));
            }
            channel.queueDelete(config.topologyNames().workerQueue("orphan"));

            Poll.until(
                    Duration.ofSeconds(10),
                    () -> messages(channel, config.topologyNames().unroutedQueue()) == 20,
                    () -> "20 jobs in the unrouted queue, found "
                            + messages(channel, config.topologyNames().unroutedQueue()));
        }
    }

    @Test
    void anInvalidJobTypeIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> JobRequest.ofType("Send Email"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("job type \"Send Email\" is invalid: expected 1 to 64 characters of [a-z0-9_-]"
                        + " (lower-case letters, digits, '_' and '-'), for example \"send-email\"");
        assertThatThrownBy(() -> JobRequest.ofType("x".repeat(65))).hasMessageContaining("1 to 64 characters");
    }

    private static long messages(Channel channel, String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
