package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A memory alarm on a private node blocks publishers: schedule fails fast and says why, then
 * recovers; a worker keeps acking what it finishes.
 */
@Tag("crash")
class BackPressureTest {
    @TempDir
    Path dataDir;

    @Test
    void aBrokerUnderAMemoryAlarmMakesScheduleFailFastSayingSoAndWorksAgainOnceItClears() throws Exception {
        try (PrivateBroker broker = PrivateBroker.start()) {
            SchedulerConfig local = TestBroker.config(
                    "pressure", dataDir, "jobladder.broker.confirm-timeout = 3s\njobladder.ladder.queue-type = quorum");
            SchedulerConfig config = local.withBroker(local.broker().withUri(broker.uri()));
            try (JobScheduler scheduler =
                    JobSchedulerBuilder.fromSettings(config).build()) {
                scheduler.schedule(JobRequest.ofType("pressed").after(Duration.ofSeconds(30)));

                broker.rabbitmqctl("set_vm_memory_high_watermark", "0.000001");
                Poll.until(Duration.ofSeconds(30), () -> refused(scheduler), () -> "schedule refused under the alarm");
                long started = System.nanoTime();
                assertThatThrownBy(() -> scheduler.schedule(
                                JobRequest.ofType("pressed").id("blocked-1").after(Duration.ofSeconds(30))))
                        .isInstanceOf(ScheduleFailedException.class)
                        .hasMessageContaining("job blocked-1 was not scheduled")
                        .hasMessageContaining("memory or disk alarm");
                // Fails at once on connection.blocked, well before the 3 s confirm timeout would.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));

                broker.rabbitmqctl("set_vm_memory_high_watermark", "0.4");
                Poll.until(Duration.ofSeconds(30), () -> !refused(scheduler), () -> "schedule works after the alarm");
            }
        }
    }

    /**
     * The worker's publishing connection is blocked by the alarm (a retry it published), yet the
     * jobs it finishes are acked: it consumes and acks on a connection that never publishes.
     */
    @Test
    void aWorkerUnderAMemoryAlarmStillAcksTheJobsItFinished() throws Exception {
        try (PrivateBroker broker = PrivateBroker.start()) {
            SchedulerConfig local = TestBroker.config("pressure-acks", dataDir, """
                    jobladder.broker.confirm-timeout = 3s
                    jobladder.job-types.pressed.concurrency = 4
                    jobladder.job-types.primer { max-attempts = 2, backoff-base = 100ms, backoff-cap = 200ms }
                    """);
            SchedulerConfig config = local.withBroker(local.broker().withUri(broker.uri()));
            CountDownLatch primerGo = new CountDownLatch(1);
            CountDownLatch pressedGo = new CountDownLatch(1);
            AtomicInteger running = new AtomicInteger();
            Module handlers = new AbstractModule() {
                @Override
                protected void configure() {
                    JobHandlers.register(binder(), "pressed", job -> {
                        running.incrementAndGet();
                        pressedGo.await();
                    });
                    JobHandlers.register(binder(), "primer", job -> {
                        if (job.attempt() == 1) {
                            running.incrementAndGet();
                            primerGo.await();
                            throw new IllegalStateException("fails once, so its retry is published under the alarm");
                        }
                    });
                }
            };
            WorkerDaemon worker = Guice.createInjector(
                            Stage.PRODUCTION, new WorkerModule(config, Clock.systemUTC()), handlers)
                    .getInstance(WorkerDaemon.class);
            String queue = config.topologyNames().workerQueue("pressed");
            String publishing = "jobladder-worker-" + config.worker().id();
            worker.start();
            try (worker;
                    JobScheduler scheduler =
                            JobSchedulerBuilder.fromSettings(config).build()) {
                scheduler.schedule(JobRequest.ofType("primer").id("primer").now());
                for (int i = 1; i <= 4; i++) {
                    scheduler.schedule(
                            JobRequest.ofType("pressed").id("pressed-" + i).now());
                }
                Poll.until(Duration.ofSeconds(30), () -> running.get() == 5, () -> running + " handlers running of 5");

                broker.rabbitmqctl("set_vm_memory_high_watermark", "0.000001");
                try {
                    primerGo.countDown();
                    Poll.until(
                            Duration.ofSeconds(30),
                            () -> broker.blocked(publishing),
                            () -> "the worker's publishing connection " + publishing + " blocked by the alarm");

                    pressedGo.countDown();
                    Poll.until(
                            Duration.ofSeconds(30),
                            () -> broker.unacknowledged(queue) == 0,
                            () -> "the finished jobs acked under the alarm: " + broker.describeQueues());
                    assertThat(broker.blocked(publishing))
                            .as("the alarm still holds the publishing connection")
                            .isTrue();
                } finally {
                    broker.rabbitmqctl("set_vm_memory_high_watermark", "0.4");
                }
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> scheduler.status("primer").state() == JobState.SUCCEEDED,
                        () -> "the primer's retry ran once the alarm cleared: " + scheduler.status("primer"));
            }
        }
    }

    private static boolean refused(JobScheduler scheduler) {
        try {
            scheduler.schedule(JobRequest.ofType("pressed").after(Duration.ofSeconds(30)));
            return false;
        } catch (ScheduleFailedException e) {
            return true;
        }
    }
}
