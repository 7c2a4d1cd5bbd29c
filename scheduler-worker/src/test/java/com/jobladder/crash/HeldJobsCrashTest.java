package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.JobStatus;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.AuditStores;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers that hold early deliveries (the final approach) and die or stop: held jobs are unacked,
 * so the broker gives them to another worker, and each runs once.
 */
@Tag("crash")
class HeldJobsCrashTest {
    private static final int JOBS = 300;

    @TempDir
    Path dir;

    /** A window of 8^5 ms: jobs due within about 33 s go straight to a worker, which holds them. */
    private Path conf(String namespace, String workerId) throws IOException {
        return Files.writeString(dir.resolve(workerId + ".conf"), """
                jobladder {
                  data-dir = "%s"
                  broker { uri = "%s", namespace = "%s", confirm-timeout = 30s }
                  ladder { radix = 8, levels = 6, queue-type = classic, window = 32768ms }
                  worker { id = "%s", handler-modules = ["%s"], shutdown-grace = 60s }
                  job-types.crashy { concurrency = 8 }
                  http.port = 0
                }
                """.formatted(
                        dir.resolve("data"), TestBroker.uri(), namespace, workerId, CrashTestHandlers.class.getName()));
    }

    /**
     * Every job was delivered to the first worker, which holds them unacked. Jobs scheduled together
     * travel in bundles, so the broker counts messages, not jobs: none is left to deliver.
     */
    private static void awaitAllHeld(String queue) {
        Poll.until(
                Duration.ofSeconds(15),
                () -> TestBroker.ready(queue) == 0 && TestBroker.unacknowledged(queue) > 0,
                () -> "the first worker holds every job unacked; ready " + TestBroker.ready(queue) + ", unacked "
                        + TestBroker.unacknowledged(queue));
    }

    private static List<JobRequest> jobsDueAt(Instant due, String prefix) {
        List<JobRequest> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            jobs.add(JobRequest.ofType(CrashTestHandlers.TYPE).id(prefix + i).at(due));
        }
        return jobs;
    }

    @Test
    void jobsHeldByAWorkerKilledWithSigkillRunOnceOnAnotherWorker() throws Exception {
        String namespace = TestBroker.uniqueNamespace("heldkill");
        Path firstConf = conf(namespace, "holder-1");
        SchedulerConfig config = ConfigLoader.load(firstConf, Map.of());
        String queue = config.topologyNames().workerQueue(CrashTestHandlers.TYPE);

        try (AuditStore store = AuditStores.open(config.audit(), config.dataDir());
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build();
                WorkerProcess first = WorkerProcess.start(firstConf, dir.resolve("holder-1.log"))) {
            Poll.until(
                    Duration.ofSeconds(120),
                    () -> first.logContains("- started"),
                    () -> "the first worker started; its log ends:\n" + first.logTail());
            Instant due = Instant.now().plusSeconds(20);
            assertThat(scheduler.scheduleAll(jobsDueAt(due, "hk-")).failed()).isEmpty();
            awaitAllHeld(queue);
            assertThat(Instant.now()).as("the jobs are not due yet").isBefore(due);

            first.kill();
            assertThat(store.successCount()).as("successes before the kill").isZero();

            try (WorkerProcess second = WorkerProcess.start(conf(namespace, "holder-2"), dir.resolve("holder-2.log"))) {
                Poll.until(
                        Duration.ofSeconds(120),
                        () -> store.successCount() == JOBS,
                        () -> store.successCount() + " of " + JOBS + " succeeded; the second worker's log ends:\n"
                                + second.logTail());
            }
            for (int i = 0; i < JOBS; i++) {
                JobStatus status = scheduler.status("hk-" + i);
                assertThat(status.attempts())
                        .as("attempts of hk-%d", i)
                        .singleElement()
                        .satisfies(attempt -> {
                            assertThat(attempt.outcome()).isEqualTo(JobAttempt.Outcome.SUCCEEDED);
                            assertThat(attempt.workerId()).isEqualTo("holder-2");
                            assertThat(attempt.startedAt()).isAfterOrEqualTo(due);
                        });
            }
        }
    }

    @Test
    void aWorkerStoppedWithSigtermHandsItsHeldJobsBackAtOnceWhileItsRunningJobFinishes() throws Exception {
        String namespace = TestBroker.uniqueNamespace("heldterm");
        Path firstConf = conf(namespace, "holder-1");
        SchedulerConfig config = ConfigLoader.load(firstConf, Map.of());
        String queue = config.topologyNames().workerQueue(CrashTestHandlers.TYPE);

        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build();
                WorkerProcess first = WorkerProcess.start(firstConf, dir.resolve("holder-1.log"))) {
            Poll.until(
                    Duration.ofSeconds(120),
                    () -> first.logContains("- started"),
                    () -> "the first worker started; its log ends:\n" + first.logTail());
            scheduler.schedule(JobRequest.ofType(CrashTestHandlers.DAWDLE_TYPE)
                    .id("dawdle")
                    .now());
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> scheduler.status("dawdle").state() == JobState.RUNNING,
                    () -> "the 30 s job is running on the first worker");
            Instant due = Instant.now().plusSeconds(20);
            assertThat(scheduler.scheduleAll(jobsDueAt(due, "ht-")).failed()).isEmpty();
            awaitAllHeld(queue);

            try (WorkerDaemon second = inProcessWorker(conf(namespace, "holder-2"))) {
                first.sigterm();
                Poll.until(
                        Duration.ofSeconds(10),
                        () -> second.stats().heldCount() == JOBS,
                        () -> "the second worker holds the jobs handed back; it holds "
                                + second.stats().heldCount() + "; the first worker's log ends:\n" + first.logTail());
                assertThat(Instant.now()).as("handed back before they were due").isBefore(due);
                assertThat(first.isAlive())
                        .as("the first worker is still draining its running job")
                        .isTrue();
                // The line comes once the broker has confirmed every copy given back, just after the
                // second worker can have received them.
                Poll.until(
                        Duration.ofSeconds(10),
                        () -> first.logContains("held jobs handed back"),
                        () -> "the first worker logged its hand-back; its log ends:\n" + first.logTail());
                assertThat(first.logLinesWith("held jobs handed back"))
                        .singleElement()
                        .asString()
                        .contains(JOBS + " held jobs handed back");

                Poll.until(
                        Duration.ofSeconds(60),
                        () -> second.stats().count(JobAttempt.Outcome.SUCCEEDED) == JOBS,
                        () -> second.stats().count(JobAttempt.Outcome.SUCCEEDED) + " of " + JOBS + " ran");
                assertThat(first.awaitExit(60))
                        .as("exit code after SIGTERM, handled by the worker")
                        .isZero();
                assertThat(scheduler.status("dawdle").state())
                        .as("the running job finished")
                        .isEqualTo(JobState.SUCCEEDED);
            }
            for (int i = 0; i < JOBS; i++) {
                assertThat(scheduler.status("ht-" + i).attempts())
                        .as("attempts of ht-%d", i)
                        .singleElement()
                        .satisfies(attempt -> assertThat(attempt.workerId()).isEqualTo("holder-2"));
            }
        }
    }

    private static WorkerDaemon inProcessWorker(Path conf) throws IOException {
        WorkerDaemon daemon = Guice.createInjector(
                        Stage.PRODUCTION,
                        new WorkerModule(ConfigLoader.load(conf, Map.of()), Clock.systemUTC()),
                        binder -> JobHandlers.register(binder, CrashTestHandlers.TYPE, job -> Thread.sleep(20)))
                .getInstance(WorkerDaemon.class);
        daemon.start();
        return daemon;
    }
}
