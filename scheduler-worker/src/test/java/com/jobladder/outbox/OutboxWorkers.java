package com.jobladder.outbox;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobState;
import com.jobladder.api.JobStatus;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestOutbox;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A worker in the test's JVM that counts its handler's runs per job id, for "each job succeeds once". */
public final class OutboxWorkers implements AutoCloseable {
    public static final String TYPE = "outboxed";

    private final Map<String, Integer> runs = new ConcurrentHashMap<>();
    private final WorkerDaemon daemon;

    public OutboxWorkers(SchedulerConfig config) throws IOException {
        daemon = Guice.createInjector(
                        Stage.PRODUCTION,
                        new WorkerModule(config, Clock.systemUTC()),
                        binder -> JobHandlers.register(binder, TYPE, job -> runs.merge(job.jobId(), 1, Integer::sum)))
                .getInstance(WorkerDaemon.class);
        daemon.start();
    }

    public int jobsRun() {
        return runs.size();
    }

    public int handlerRuns() {
        return runs.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Waits until the jobs {@code idPrefix + 0 .. jobs - 1} have all run, the outbox is empty, and each
     * job succeeded with one attempt alone.
     */
    public void awaitEachRanOnce(String idPrefix, int jobs, TestOutbox.Database database) {
        Poll.until(Duration.ofSeconds(60), () -> jobsRun() == jobs, () -> jobsRun() + " of " + jobs + " jobs ran");
        Poll.until(Duration.ofSeconds(10), () -> database.rows() == 0, () -> "the outbox emptied");
        for (int i = 0; i < jobs; i++) {
            String id = idPrefix + i;
            Poll.until(Duration.ofSeconds(10), () -> ranOnceAndSucceeded(id), () -> id + " ran once");
        }
    }

    /** Whether the job succeeded with one attempt alone: published once, run once. */
    public boolean ranOnceAndSucceeded(String jobId) {
        JobStatus status = daemon.store().status(jobId);
        return status.state() == JobState.SUCCEEDED
                && status.attempts().size() == 1
                && status.attempts().get(0).outcome() == JobAttempt.Outcome.SUCCEEDED
                && runs.getOrDefault(jobId, 0) == 1;
    }

    /** Whether the job succeeded exactly once; a second copy, if any, was recorded as a duplicate and not run. */
    public boolean succeededOnce(String jobId) {
        JobStatus status = daemon.store().status(jobId);
        return status.state() == JobState.SUCCEEDED
                && status.attempts().stream()
                                .filter(attempt -> attempt.outcome() == JobAttempt.Outcome.SUCCEEDED)
                                .count()
                        == 1;
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
