package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.CancelResult;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.ScheduledJob;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TcpProxy;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The final approach end to end on the test ladder (radix 8, unit 1 ms, window 512 ms, lead
 * 250 ms): jobs leave the ladder early, the worker holds them, and they start at their due time.
 */
@Tag("integration")
class FinalApproachTest {
    /** A busy two-core CI machine: lateness bounds with several times the room a quiet one needs. */
    private static final long LATENESS_BOUND_MS = 3_000;

    @TempDir
    Path dataDir;

    @Test
    void jobsDueBelowAtAndJustAboveTheWindowAndAcrossLevelBoundariesStartOnTimeAndNeverEarly() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("approach"), dataDir);
        long lead = config.ladder().lead().toMillis();
        long window = config.ladder().window().toMillis();
        List<Long> delays = new ArrayList<>(List.of(
                0L,
                1L,
                100L,
                lead,
                lead + window - 1,
                lead + window,
                lead + window + 1,
                lead + 2 * window - 1,
                lead + 2 * window,
                lead + 8 * window - 1,
                lead + 8 * window,
                lead + 8 * window + 1,
                lead + 9 * window + 37));
        Map<String, Instant> started = new ConcurrentHashMap<>();

        try (WorkerDaemon worker = TestWorkers.start(
                        config,
                        Map.of(
                                "approach",
                                job -> started.merge(job.jobId(), Instant.now(), (first, again) -> Instant.MIN)));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            List<ScheduledJob> jobs = new ArrayList<>();
            for (long delay : delays) {
                jobs.add(scheduler.schedule(
                        JobRequest.ofType("approach").id("d-" + delay).after(Duration.ofMillis(delay))));
            }

            Poll.until(
                    Duration.ofSeconds(30),
                    () -> started.size() == delays.size(),
                    () -> started.size() + " of " + delays.size() + " jobs started");
            for (ScheduledJob job : jobs) {
                Instant start = started.get(job.id());
                assertThat(start)
                        .as("start of %s (Instant.MIN: it ran twice)", job.id())
                        .isAfterOrEqualTo(job.dueAt())
                        .isBefore(job.dueAt().plusMillis(LATENESS_BOUND_MS));
            }
            assertThat(worker.stats().reenteredCount())
                    .as("jobs sent round the ladder again")
                    .isZero();
            Poll.until(Duration.ofSeconds(5), () -> worker.stats().heldCount() == 0, () -> "no job is held any more");
        }
    }

    @Test
    void aHeldJobCancelledBeforeItsLookAheadPointIsRecordedCancelledAndNeverRun() throws Exception {
        // A window of 8^4 ms: a job due in 3 s goes straight to the worker, which holds it 3 s.
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("heldcancel"), dataDir, "jobladder.ladder.window = 4096ms");
        Map<String, Integer> runs = new ConcurrentHashMap<>();

        try (WorkerDaemon worker =
                        TestWorkers.start(config, Map.of("held", job -> runs.merge(job.jobId(), 1, Integer::sum)));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            ScheduledJob job = scheduler.schedule(
                    JobRequest.ofType("held").id("held-then-cancelled").after(Duration.ofSeconds(3)));
            scheduler.schedule(JobRequest.ofType("held").id("held-and-run").after(Duration.ofSeconds(3)));
            Poll.until(
                    Duration.ofSeconds(2),
                    () -> worker.stats().heldCount() == 2,
                    () -> "the worker holds both jobs, " + worker.stats().heldCount() + " held");
            assertThat(scheduler.status(job.id()).state())
                    .as("a held job is still waiting")
                    .isEqualTo(JobState.PENDING);
            assertThat(Instant.now())
                    .as("still before the look-ahead point")
                    .isBefore(job.dueAt().minus(config.worker().holdLookAhead()));

            assertThat(scheduler.cancel(job.id())).isEqualTo(CancelResult.CANCELLED);

            Poll.until(
                    Duration.ofSeconds(15),
                    () -> !scheduler.status(job.id()).attempts().isEmpty()
                            && scheduler.status("held-and-run").state() == JobState.SUCCEEDED,
                    () -> "both held jobs reached their due time: " + scheduler.status(job.id()));
            assertThat(runs).doesNotContainKey(job.id()).containsEntry("held-and-run", 1);
            assertThat(scheduler.status(job.id()).state()).isEqualTo(JobState.CANCELLED);
            assertThat(scheduler.status(job.id()).attempts())
                    .extracting(a -> a.outcome())
                    .containsExactly(Outcome.CANCELLED);
        }
    }

    @Test
    void jobsHeldOnAConnectionThatDiesAreForgottenAndRunOnceWhenTheBrokerRedeliversThem() throws Exception {
        int count = 20;
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT)) {
            SchedulerConfig direct = TestBroker.config(
                    TestBroker.uniqueNamespace("heldcut"), dataDir, "jobladder.ladder.window = 4096ms");
            SchedulerConfig viaProxy = direct.withBroker(direct.broker().withUri(TestBroker.uriVia(proxy.port())));
            Map<String, Integer> runs = new ConcurrentHashMap<>();
            Map<String, Instant> started = new ConcurrentHashMap<>();

            try (WorkerDaemon worker = TestWorkers.start(viaProxy, Map.of("cut", job -> {
                        started.putIfAbsent(job.jobId(), Instant.now());
                        runs.merge(job.jobId(), 1, Integer::sum);
                    }));
                    JobScheduler scheduler =
                            JobSchedulerBuilder.fromSettings(direct).build()) {
                List<ScheduledJob> jobs = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    jobs.add(scheduler.schedule(
                            JobRequest.ofType("cut").id("cut-" + i).after(Duration.ofSeconds(3))));
                }
                Poll.until(
                        Duration.ofSeconds(3),
                        () -> worker.stats().heldCount() == count,
                        () -> "the worker holds every job; it holds "
                                + worker.stats().heldCount());

                proxy.cut(); // the broker requeues every unacked delivery; their tags die with the channel
                proxy.resume();

                Poll.until(
                        Duration.ofSeconds(60),
                        () -> jobs.stream()
                                .allMatch(job ->
                                        !scheduler.status(job.id()).attempts().isEmpty()),
                        () -> runs.size() + " of " + count + " jobs ran");
                Thread.sleep(500); // a second run of a forgotten hold would fire at the same due instant
                for (ScheduledJob job : jobs) {
                    assertThat(runs).as("runs of %s", job.id()).containsEntry(job.id(), 1);
                    assertThat(started.get(job.id()))
                            .as("start of %s", job.id())
                            .isAfterOrEqualTo(job.dueAt());
                    assertThat(scheduler.status(job.id()).attempts())
                            .as("attempts of %s", job.id())
                            .extracting(a -> a.outcome())
                            .containsExactly(Outcome.SUCCEEDED);
                }
                assertThat(worker.stats().heldCount()).isZero();
            }
        }
    }

    @Test
    void tenThousandHeldJobsDueInTheSameInstantAllStartSoonAfterIt() throws Exception {
        int count = 10_000;
        // A window of 8^5 ms: every job goes straight to the worker, which holds them all.
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("sameinstant"),
                dataDir,
                "jobladder.ladder.window = 32768ms\njobladder.job-types.instant.concurrency = 8");
        Map<String, Instant> started = new ConcurrentHashMap<>();

        try (WorkerDaemon worker = TestWorkers.start(
                        config, Map.of("instant", job -> started.putIfAbsent(job.jobId(), Instant.now())));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            Instant due = Instant.now().plusSeconds(25);
            List<JobRequest> requests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                requests.add(JobRequest.ofType("instant").id("i-" + i).at(due));
            }
            for (int from = 0; from < count; from += 1_000) {
                assertThat(scheduler
                                .scheduleAll(requests.subList(from, from + 1_000))
                                .failed())
                        .isEmpty();
            }
            Poll.until(
                    Duration.ofSeconds(25),
                    () -> worker.stats().heldCount() == count,
                    () -> "the worker holds every job before it is due; it holds "
                            + worker.stats().heldCount());

            Poll.until(
                    Duration.ofSeconds(60),
                    () -> started.size() == count,
                    () -> started.size() + " of " + count + " jobs started");
            Instant first = started.values().stream().min(Instant::compareTo).orElseThrow();
            Instant last = started.values().stream().max(Instant::compareTo).orElseThrow();
            System.out.printf(
                    "final approach: %,d held jobs due in one instant: first started %d ms after it, the"
                            + " last %d ms after it%n",
                    count,
                    Duration.between(due, first).toMillis(),
                    Duration.between(due, last).toMillis());
            assertThat(first).isAfterOrEqualTo(due);
            assertThat(last)
                    .as("the last start (a generous bound: a quiet machine needs well under a second)")
                    .isBefore(due.plusMillis(5 * LATENESS_BOUND_MS));
        }
    }

    @Test
    void fiveThousandJobsWithRandomDelaysNoneStartedBeforeItsDueTime() throws Exception {
        int count = 5_000;
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("approach5k"), dataDir, "jobladder.job-types.spread.concurrency = 8");
        Map<String, Instant> started = new ConcurrentHashMap<>();
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        SplittableRandom random = new SplittableRandom(11);

        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("spread", job -> {
                    started.putIfAbsent(job.jobId(), Instant.now());
                    runs.merge(job.jobId(), 1, Integer::sum);
                }));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            List<JobRequest> requests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                requests.add(
                        JobRequest.ofType("spread").id("s-" + i).after(Duration.ofMillis(random.nextLong(0, 8_000))));
            }
            long submitting = System.nanoTime();
            List<ScheduledJob> jobs = new ArrayList<>();
            for (int from = 0; from < count; from += 500) {
                var batch = scheduler.scheduleAll(requests.subList(from, from + 500));
                assertThat(batch.failed()).isEmpty();
                jobs.addAll(batch.scheduled());
            }

            long submitMillis = (System.nanoTime() - submitting) / 1_000_000;
            Poll.until(
                    Duration.ofSeconds(120),
                    () -> runs.size() == count,
                    () -> runs.size() + " of " + count + " jobs ran, "
                            + worker.stats().heldCount() + " held");
            Histogram lateness = new Histogram(3);
            for (ScheduledJob job : jobs) {
                Instant start = started.get(job.id());
                assertThat(start).as("start of %s", job.id()).isAfterOrEqualTo(job.dueAt());
                lateness.recordValue(Duration.between(job.dueAt(), start).toMillis());
            }
            assertThat(runs.values()).as("runs per job").containsOnly(1);
            System.out.printf(
                    "final approach: %,d jobs due 0-8 s after their submit (submitting took %,d ms, so"
                            + " the first are late by it), lateness p50 %d ms, p99 %d ms, max %d ms; %d sent round the"
                            + " ladder again%n",
                    count,
                    submitMillis,
                    lateness.getValueAtPercentile(50),
                    lateness.getValueAtPercentile(99),
                    lateness.getMaxValue(),
                    worker.stats().reenteredCount());
            assertThat(lateness.getValueAtPercentile(50))
                    .as("median lateness in ms (a generous bound)")
                    .isLessThan(LATENESS_BOUND_MS);
        }
    }
}
