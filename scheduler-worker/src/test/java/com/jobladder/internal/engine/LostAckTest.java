package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TcpProxy;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker loses its broker connection after the handler succeeded and before the ack: the
 * broker redelivers, and the second delivery is recorded as DUPLICATE without running again.
 */
@Tag("integration")
class LostAckTest {
    @TempDir
    Path dataDir;

    @Test
    void aJobWhoseAckWasLostAfterItsSuccessIsNotRunAgainButRecordedAsDuplicate() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT)) {
            SchedulerConfig direct = TestBroker.config(TestBroker.uniqueNamespace("lostack"), dataDir);
            SchedulerConfig viaProxy = direct.withBroker(direct.broker().withUri(TestBroker.uriVia(proxy.port())));
            AtomicInteger runs = new AtomicInteger();
            JobHandler cutTheLineThenSucceed = job -> {
                runs.incrementAndGet();
                proxy.cut(); // the worker's connection dies now: the ack that follows cannot reach the broker
                proxy.resume();
            };
            try (WorkerDaemon worker = TestWorkers.start(viaProxy, Map.of("once", cutTheLineThenSucceed));
                    JobScheduler scheduler =
                            JobSchedulerBuilder.fromSettings(direct).build()) {
                scheduler.schedule(JobRequest.ofType("once").id("charge-card-9").now());

                Poll.until(
                        Duration.ofSeconds(30),
                        () -> scheduler.status("charge-card-9").attempts().size() == 2,
                        () -> "the redelivery was recorded: " + scheduler.status("charge-card-9"));
                assertThat(runs).hasValue(1);
                assertThat(scheduler.status("charge-card-9").attempts())
                        .extracting(JobAttempt::outcome)
                        .containsExactly(Outcome.SUCCEEDED, Outcome.DUPLICATE);
            }
        }
    }
}
