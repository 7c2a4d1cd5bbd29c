package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class PerTypeConcurrencyTest {
    @TempDir
    Path dataDir;

    @Test
    void aTypeWhoseJobsHangCannotStarveAnotherTypeAndRunsNoMoreAtOnceThanItsConcurrency() throws Exception {
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("fair"),
                dataDir,
                "jobladder.job-types.stuck { concurrency = 2, timeout = 1m }");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger stuckNow = new AtomicInteger();
        AtomicInteger stuckMax = new AtomicInteger();
        AtomicInteger quickDone = new AtomicInteger();
        JobHandler stuck = job -> {
            stuckMax.accumulateAndGet(stuckNow.incrementAndGet(), Math::max);
            try {
                release.await();
            } finally {
                stuckNow.decrementAndGet();
            }
        };
        try (WorkerDaemon worker =
                        TestWorkers.start(config, Map.of("stuck", stuck, "quick", job -> quickDone.incrementAndGet()));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            List<JobRequest> jobs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                jobs.add(JobRequest.ofType("stuck").now());
                jobs.add(JobRequest.ofType("quick").now());
            }
            scheduler.scheduleAll(jobs);

            try {
                // stuckMax, not stuckNow: a handler counts itself in stuckNow a moment before stuckMax.
                Poll.until(
                        Duration.ofSeconds(10),
                        () -> quickDone.get() == 20 && stuckMax.get() >= 2,
                        () -> quickDone.get() + " of 20 quick jobs ran while " + stuckNow.get()
                                + " stuck ones hang (expected both of the type's two threads busy)");
                Thread.sleep(300); // room for a third stuck job to start, were the limit broken
                assertThat(stuckMax)
                        .as("stuck jobs running at once, at most the type's concurrency")
                        .hasValue(2);
            } finally {
                release.countDown();
            }
        }
    }
}
