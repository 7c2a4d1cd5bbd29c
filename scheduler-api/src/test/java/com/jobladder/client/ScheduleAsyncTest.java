package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.BatchResult;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.api.ScheduledJob;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TcpProxy;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class ScheduleAsyncTest {
    /** A rung of one queue that holds one job (classic queue, max-length 1) for 40 s: the next is nacked. */
    private static final String TINY_LADDER =
            "jobladder.ladder { radix = 2, unit = 10000ms, levels = 3, max-length = 1, window = 0, lead = 0 }\n";

    @TempDir
    Path dataDir;

    @Test
    void scheduleAsyncCompletesWithTheJobOnTheBrokersConfirm() throws Exception {
        try (JobScheduler scheduler =
                JobSchedulerBuilder.fromSettings(config("confirm", "")).build()) {
            JobRequest request = JobRequest.ofType("ping").payload("hi").after(Duration.ofSeconds(5));

            ScheduledJob job = scheduler.scheduleAsync(request).get(30, TimeUnit.SECONDS);

            assertThat(job.id()).isEqualTo(request.id());
            assertThat(job.type()).isEqualTo("ping");
        }
    }

    @Test
    void scheduleAsyncFailsWhenTheBrokerNacksTheJob() throws Exception {
        try (JobScheduler scheduler =
                JobSchedulerBuilder.fromSettings(config("nack", TINY_LADDER)).build()) {
            scheduler
                    .scheduleAsync(JobRequest.ofType("full").id("first").after(Duration.ofSeconds(40)))
                    .get(30, TimeUnit.SECONDS);

            CompletableFuture<ScheduledJob> second = scheduler.scheduleAsync(
                    JobRequest.ofType("full").id("second").after(Duration.ofSeconds(40)));

            assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("job second was not scheduled: the broker nacked it");
        }
    }

    @Test
    void scheduleAsyncFailsWhenNoConfirmComesWithinTheTimeout() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT);
                JobScheduler scheduler = JobSchedulerBuilder.fromSettings(viaProxy(
                                proxy,
                                config("silent", "jobladder.broker { confirm-timeout = 2s, publisher-channels = 1 }")))
                        .build()) {
            scheduler.schedule(JobRequest.ofType("ping").after(Duration.ofSeconds(1)));
            proxy.pauseTraffic();
            try {
                CompletableFuture<ScheduledJob> unanswered = scheduler.scheduleAsync(
                        JobRequest.ofType("ping").id("unanswered").after(Duration.ofSeconds(1)));

                assertThatThrownBy(() -> unanswered.get(15, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(ScheduleFailedException.class)
                        .hasMessageContaining("job unanswered was not scheduled: no confirm from the broker within"
                                + " 2000 ms (jobladder.broker.confirm-timeout)")
                        .hasMessageContaining("scheduling again with the same job id is safe");
            } finally {
                proxy.resumeTraffic();
            }
        }
    }

    @Test
    void aCallbackMayScheduleSynchronouslyBecauseFuturesCompleteOffTheConnectionThread() throws Exception {
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(
                        config("nested", "jobladder.broker.confirm-timeout = 10s"))
                .build()) {
            AtomicReference<String> callbackThread = new AtomicReference<>();
            CompletableFuture<ScheduledJob> nested = scheduler
                    .scheduleAsync(JobRequest.ofType("ping").id("outer").after(Duration.ofSeconds(5)))
                    .thenApply(outer -> {
                        callbackThread.set(Thread.currentThread().getName());
                        return scheduler.schedule(
                                JobRequest.ofType("ping").id("inner").after(Duration.ofSeconds(5)));
                    });

            // On the I/O thread the inner schedule would wait for a confirm that thread itself must read.
            assertThat(nested.get(8, TimeUnit.SECONDS).id()).isEqualTo("inner");
            assertThat(callbackThread.get()).startsWith("jobladder-callbacks-");
        }
    }

    @Test
    void atTheInFlightBoundScheduleAsyncWaitsForASlotAndThenProceeds() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT);
                JobScheduler scheduler = JobSchedulerBuilder.fromSettings(
                                viaProxy(
                                        proxy,
                                        config(
                                                "bound",
                                                "jobladder.broker { max-in-flight = 2, confirm-timeout = 30s, publisher-channels = 1 }")))
                        .build()) {
            // Opens the one publishing channel while the broker still answers.
            scheduler.schedule(JobRequest.ofType("ping").after(Duration.ofSeconds(1)));
            proxy.pauseTraffic();
            List<CompletableFuture<ScheduledJob>> inFlight = new ArrayList<>();
            CompletableFuture<CompletableFuture<ScheduledJob>> third = new CompletableFuture<>();
            try {
                inFlight.add(scheduler.scheduleAsync(
                        JobRequest.ofType("ping").id("one").after(Duration.ofSeconds(1))));
                inFlight.add(scheduler.scheduleAsync(
                        JobRequest.ofType("ping").id("two").after(Duration.ofSeconds(1))));
                Thread caller = new Thread(
                        () -> third.complete(scheduler.scheduleAsync(
                                JobRequest.ofType("ping").id("three").after(Duration.ofSeconds(1)))),
                        "third-caller");
                caller.start();
                Poll.until(
                        Duration.ofSeconds(10),
                        () -> caller.getState() == Thread.State.TIMED_WAITING,
                        () -> "the third call waits for a slot, its thread is " + caller.getState());
                assertThat(third).isNotDone();
            } finally {
                proxy.resumeTraffic();
            }

            assertThat(third.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS).id())
                    .isEqualTo("three");
            for (CompletableFuture<ScheduledJob> job : inFlight) {
                assertThat(job.get(30, TimeUnit.SECONDS)).isNotNull();
            }
        }
    }

    @Test
    void aDueTimeTheLadderCannotExpressFailsTheFutureInsteadOfThrowing() throws Exception {
        try (JobScheduler scheduler =
                JobSchedulerBuilder.fromSettings(config("range", "")).build()) {
            JobRequest never = JobRequest.ofType("ping").id("never").at(Instant.MAX);
            JobRequest overflow = JobRequest.ofType("ping").id("overflow").after(Duration.ofSeconds(Long.MAX_VALUE));

            CompletableFuture<ScheduledJob> atMax = scheduler.scheduleAsync(never);
            CompletableFuture<ScheduledJob> afterMax = scheduler.scheduleAsync(overflow);

            assertThatThrownBy(() -> atMax.get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining(
                            "job never was not scheduled: its due time " + Instant.MAX + " is out of range")
                    .hasMessageContaining("9999-12-31T23:59:59.999Z");
            assertThatThrownBy(() -> afterMax.get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("job overflow was not scheduled: its delay");
            assertThatThrownBy(() -> scheduler.schedule(never))
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("job never was not scheduled");
        }
    }

    @Test
    void aPayloadOverMaxPayloadBytesIsRefusedWithTheSettingNamed() throws Exception {
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(
                        config("size", "jobladder.worker.max-payload-bytes = 1000"))
                .build()) {
            CompletableFuture<ScheduledJob> tooBig = scheduler.scheduleAsync(JobRequest.ofType("ping")
                    .id("too-big")
                    .payload(new byte[1001], "application/octet-stream")
                    .now());

            assertThatThrownBy(() -> tooBig.get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("job too-big was not scheduled: its payload of 1001 bytes exceeds"
                            + " jobladder.worker.max-payload-bytes = 1000");
            assertThat(scheduler.schedule(JobRequest.ofType("ping")
                            .payload(new byte[1000], "application/octet-stream")
                            .now()))
                    .isNotNull();
        }
    }

    @Test
    void aBatchWithFailuresNamesEveryFailedJobById() throws Exception {
        try (JobScheduler scheduler =
                JobSchedulerBuilder.fromSettings(config("batch", TINY_LADDER)).build()) {
            List<JobRequest> jobs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                jobs.add(JobRequest.ofType("full").after(Duration.ofSeconds(40)));
            }
            jobs.add(JobRequest.ofType("full").at(Instant.MAX));

            BatchResult result = scheduler.scheduleAll(jobs);

            // The rung holds one job: the first goes in, the other four are nacked, the last is out of range.
            assertThat(result.allScheduled()).isFalse();
            assertThat(result.scheduled()).hasSize(1);
            assertThat(result.failed()).hasSize(5);
            for (BatchResult.Failure failure : result.failed()) {
                assertThat(failure.jobId())
                        .isEqualTo(jobs.get(failure.index()).id())
                        .isNotNull();
                assertThat(failure.error().jobId()).isEqualTo(failure.jobId());
                assertThat(failure.error()).hasMessageStartingWith("job " + failure.jobId() + " was not scheduled");
            }
        }
    }

    private SchedulerConfig config(String word, String hocon) {
        return TestBroker.config(TestBroker.uniqueNamespace(word), dataDir, hocon);
    }

    private static SchedulerConfig viaProxy(TcpProxy proxy, SchedulerConfig direct) {
        return direct.withBroker(direct.broker().withUri(TestBroker.uriVia(proxy.port())));
    }
}
