package com.jobladder.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestOutbox;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two application instances, each with a relay, on one outbox table in PostgreSQL. */
@Tag("integration")
class TwoRelaysTest {
    private static final int JOBS = 1_000;

    @TempDir
    Path dataDir;

    @Test
    void eachRowIsPublishedByOneRelayAndEachJobSucceedsOnce() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("relays"), dataDir);
        try (TestOutbox.Database database = TestOutbox.postgres("two_relays");
                OutboxWorkers workers = new OutboxWorkers(config);
                JobScheduler first = JobSchedulerBuilder.fromSettings(config)
                        .outbox(database.dataSource())
                        .build();
                JobScheduler second = JobSchedulerBuilder.fromSettings(config)
                        .outbox(database.dataSource())
                        .build()) {
            for (int batch = 0; batch < JOBS / 100; batch++) {
                JobScheduler writer = batch % 2 == 0 ? first : second;
                try (Connection connection = database.dataSource().getConnection()) {
                    connection.setAutoCommit(false);
                    for (int i = 0; i < 100; i++) {
                        writer.outbox()
                                .schedule(
                                        connection,
                                        JobRequest.ofType(OutboxWorkers.TYPE)
                                                .id("r-" + (batch * 100 + i))
                                                .now());
                    }
                    connection.commit();
                }
                // Both relays look at once: they compete for the same rows.
                first.outbox().committed();
                second.outbox().committed();
            }

            workers.awaitEachRanOnce("r-", JOBS, database);
            assertThat(workers.handlerRuns()).isEqualTo(JOBS);
        }
    }
}
