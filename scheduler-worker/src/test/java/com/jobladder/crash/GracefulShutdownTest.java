package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops consuming, lets the jobs in flight finish and record, and exits. */
@Tag("crash")
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void sigtermLetsInFlightJobsFinishAndRecordThenTheDaemonExits() throws Exception {
        Path conf = Files.writeString(dir.resolve("scheduler.conf"), """
                jobladder {
                  data-dir = "%s"
                  broker { uri = "%s", namespace = "%s" }
                  ladder { radix = 8, levels = 6, queue-type = classic }
                  worker { handler-modules = ["%s"], shutdown-grace = 20s }
                  job-types.slowpoke { concurrency = 2 }
                }
                """.formatted(
                        dir.resolve("data"),
                        TestBroker.uri(),
                        TestBroker.uniqueNamespace("sigterm"),
                        CrashTestHandlers.class.getName()));
        SchedulerConfig config = ConfigLoader.load(conf, Map.of());
        Path log = dir.resolve("worker.log");

        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build();
                WorkerProcess worker = WorkerProcess.start(conf, log)) {
            Poll.until(
                    Duration.ofSeconds(120), () -> logSays(log, "- started"), () -> "the worker started (" + log + ")");
            scheduler.schedule(
                    JobRequest.ofType(CrashTestHandlers.SLOW_TYPE).id("slow-1").now());
            scheduler.schedule(
                    JobRequest.ofType(CrashTestHandlers.SLOW_TYPE).id("slow-2").now());
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> scheduler.status("slow-1").state() == JobState.RUNNING
                            && scheduler.status("slow-2").state() == JobState.RUNNING,
                    () -> "both jobs running (" + log + ")");

            assertThat(worker.terminate(30))
                    .as("exit code after SIGTERM (143 = terminated by the signal)")
                    .isIn(0, 143);

            assertThat(scheduler.status("slow-1").state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(scheduler.status("slow-2").state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(Files.readString(log)).contains("- stopping").contains("- stopped");
        }
    }

    /**
     * On H2 the JVM's shutdown closes the database (H2's own hook), so a worker that drained inside
     * a shutdown hook could not record its finished jobs ("Database is already closed"). The worker
     * handles the signal itself, drains, and closes the store last.
     */
    @Test
    void sigtermDuringASteadyFlowOnH2RecordsEveryFinishedJobOnceOrLeavesItQueuedAndExitsWithinTheGrace()
            throws Exception {
        String namespace = TestBroker.uniqueNamespace("sigterm-flow");
        Path conf = Files.writeString(dir.resolve("flow.conf"), """
                jobladder {
                  data-dir = "%s"
                  broker { uri = "%s", namespace = "%s", confirm-timeout = 30s }
                  ladder { radix = 8, levels = 6, queue-type = classic }
                  worker { handler-modules = ["%s"], shutdown-grace = 20s }
                  job-types.crashy { concurrency = 4 }
                }
                """.formatted(
                        dir.resolve("flow-data"), TestBroker.uri(), namespace, CrashTestHandlers.class.getName()));
        SchedulerConfig config = ConfigLoader.load(conf, Map.of());
        Path log = dir.resolve("flow-worker.log");
        List<String> scheduled = new CopyOnWriteArrayList<>();
        AtomicBoolean producing = new AtomicBoolean(true);

        // The worker opens the H2 file first, so that it is its JVM that serves (and would close) the database.
        try (WorkerProcess worker = WorkerProcess.start(conf, log)) {
            Poll.until(
                    Duration.ofSeconds(120), () -> logSays(log, "- started"), () -> "the worker started (" + log + ")");
            try (JobScheduler scheduler =
                    JobSchedulerBuilder.fromSettings(config).build()) {
                Thread producer = new Thread(
                        () -> {
                            for (int i = 0; producing.get(); i++) {
                                String id = "flow-" + i;
                                scheduler.schedule(JobRequest.ofType(CrashTestHandlers.TYPE)
                                        .id(id)
                                        .now());
                                scheduled.add(id);
                                sleepQuietly(10);
                            }
                        },
                        "producer");
                producer.start();
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> scheduled.size() > 100
                                && scheduler.status("flow-50").state() == JobState.SUCCEEDED,
                        () -> "a steady flow: " + scheduled.size() + " scheduled (" + log + ")");

                long signalled = System.nanoTime();
                assertThat(worker.terminate(40))
                        .as("exit code after SIGTERM, handled by the worker")
                        .isZero();
                assertThat(Duration.ofNanos(System.nanoTime() - signalled))
                        .as("time to exit after SIGTERM")
                        .isLessThan(Duration.ofSeconds(20 + 10));
                producing.set(false);
                producer.join(30_000);

                assertThat(Files.readString(log))
                        .containsIgnoringCase("SIGTERM received")
                        .contains("- stopped")
                        .doesNotContainIgnoringCase("already closed");
                Set<String> queued = messageIdsIn(config.topologyNames().workerQueue(CrashTestHandlers.TYPE));
                for (String id : scheduled) {
                    long succeeded = scheduler.status(id).attempts().stream()
                            .filter(attempt -> attempt.outcome() == JobAttempt.Outcome.SUCCEEDED)
                            .count();
                    assertThat(succeeded + (queued.contains(id) ? 1 : 0))
                            .as("%s: SUCCEEDED rows plus copies left in the queue", id)
                            .isEqualTo(1);
                }
            }
        }
    }

    /** The message ids waiting in {@code queue}; they go back when the channel closes. */
    private static Set<String> messageIdsIn(String queue) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(queue, false)) != null) {
                ids.add(response.getProps().getMessageId());
            }
        }
        return ids;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean logSays(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
