package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.TopologyNames;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class AtomicBatchTest {
    @TempDir
    Path dataDir;

    @Test
    void aBatchIsRolledBackWholeWhenTheCatchAllQueueIsMissing() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("atomic"), dataDir);
        TopologyNames names = config.topologyNames();
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build();
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            scheduler.schedule(JobRequest.ofType("kept").now());
            channel.queuePurge(names.workerQueue("kept"));
            channel.queueDelete(names.unroutedQueue());

            assertThatThrownBy(() -> scheduler.scheduleAllAtomically(List.of(
                            JobRequest.ofType("kept").id("kept-1").now(),
                            JobRequest.ofType("kept").id("kept-2").after(java.time.Duration.ofSeconds(30)))))
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("job kept-1 and 1 more was not scheduled: the transaction failed")
                    .hasMessageContaining(names.unroutedQueue());

            assertThat(channel.queueDeclarePassive(names.workerQueue("kept")).getMessageCount())
                    .isZero();
        }
    }

    @Test
    void aJobReturnedAtTheCommitIsNamedAndTheRestOfTheBatchIsScheduled() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("atomic"), dataDir);
        TopologyNames names = config.topologyNames();
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build();
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            scheduler.schedule(JobRequest.ofType("gone").now());
            scheduler.schedule(JobRequest.ofType("kept").now());
            channel.queuePurge(names.workerQueue("kept"));
            // A due job of type "gone" now routes nowhere, not even to the unrouted queue: returned.
            channel.queueDelete(names.workerQueue("gone"));
            channel.queueUnbind(names.unroutedQueue(), names.unroutedExchange(), "");

            JobRequest kept = JobRequest.ofType("kept").id("kept-1").now();
            JobRequest gone = JobRequest.ofType("gone").id("gone-1").now();
            assertThatThrownBy(() -> scheduler.scheduleAllAtomically(List.of(kept, gone)))
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("the broker returned [gone-1] as unroutable at the commit: those jobs were"
                            + " not scheduled, the other 1 were");

            assertThat(channel.queueDeclarePassive(names.workerQueue("kept")).getMessageCount())
                    .isEqualTo(1);
        }
    }
}
