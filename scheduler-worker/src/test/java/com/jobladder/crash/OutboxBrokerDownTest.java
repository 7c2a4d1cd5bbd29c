package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.jobladder.testsupport.QueueTap;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestOutbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker is down when the application commits: the rows wait in the table, then go, due first. */
@Tag("crash")
class OutboxBrokerDownTest {
    /** Rows a relay publishes per pass (docs/guarantees.md). */
    private static final int BATCH = 100;

    private static final int JOBS = 3 * BATCH;
    private static final String TYPE = "waits";

    @TempDir
    Path dataDir;

    @Test
    void rowsCommittedWhileTheBrokerIsDownWaitThenGoInDueOrder() throws Exception {
        try (PrivateBroker broker = PrivateBroker.start();
                TestOutbox.Database database = TestOutbox.postgres("outbox_down")) {
            SchedulerConfig shared = TestBroker.config(TestBroker.uniqueNamespace("down"), dataDir);
            SchedulerConfig config = shared.withBroker(shared.broker().withUri(broker.uri()));
            try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config)
                    .outbox(database.dataSource())
                    .build()) {
                scheduler.schedule(
                        JobRequest.ofType(TYPE).id("declares-the-queue").now());
                broker.stopNode();

                // Past due, in shuffled order: each goes straight to the worker queue, in the order it is published.
                Instant now = Instant.now();
                List<Integer> minutesAgo = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    minutesAgo.add(i);
                }
                Collections.shuffle(minutesAgo, new Random(7));
                try (Connection connection = database.dataSource().getConnection()) {
                    connection.setAutoCommit(false);
                    for (int ago : minutesAgo) {
                        scheduler
                                .outbox()
                                .schedule(
                                        connection,
                                        JobRequest.ofType(TYPE)
                                                .id("ago-" + ago)
                                                .at(now.minus(Duration.ofMinutes(ago))));
                    }
                    connection.commit();
                }
                scheduler.outbox().committed();
                Thread.sleep(3_000); // several passes of the relay fail meanwhile
                assertThat(database.rows()).as("rows waiting").isEqualTo(JOBS);

                broker.startNode();
                Poll.until(Duration.ofSeconds(90), () -> database.rows() == 0, () -> "the outbox emptied");
            }
            try (QueueTap tap = QueueTap.on(broker.uri(), config.topologyNames().workerQueue(TYPE))) {
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> tap.received().size() >= JOBS + 1,
                        () -> tap.received().size() + " of " + (JOBS + 1) + " in the worker queue");
                List<Envelope> published = tap.received().stream()
                        .filter(envelope -> !envelope.jobId().equals("declares-the-queue"))
                        .toList();
                assertThat(published).hasSize(JOBS);
                // Batch by batch in due order: the most overdue first. Within a batch the publishes are
                // pipelined over the client's channels, so a job may pass one of its own batch.
                for (int position = 0; position < JOBS; position++) {
                    int rank = JOBS
                            - 1
                            - Integer.parseInt(published.get(position).jobId().substring("ago-".length()));
                    assertThat(rank / BATCH)
                            .as("batch of the job published at position %d", position)
                            .isEqualTo(position / BATCH);
                }
            }
        }
    }
}
