package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobladderException;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.api.ScheduledJob;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.QueueTap;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestOutbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against the shared broker and a database of the test's own: what the relay publishes, and when. */
@Tag("integration")
class OutboxTest {
    private static final String TYPE = "outbox-mail";

    @TempDir
    Path dataDir;

    @Test
    void everythingARequestCarriesSurvivesTheRoundTripThroughPostgresql() throws Exception {
        try (TestOutbox.Database db = TestOutbox.postgres("outbox_trip")) {
            roundTrip(db.dataSource());
        }
    }

    @Test
    void everythingARequestCarriesSurvivesTheRoundTripThroughH2() throws Exception {
        try (TestOutbox.Database db = TestOutbox.h2("outbox-trip")) {
            roundTrip(db.dataSource());
        }
    }

    private void roundTrip(DataSource database) throws Exception {
        SchedulerConfig config = config();
        byte[] payload = {0, 1, 2, (byte) 0xff, '{', '}'};
        Instant pastDue = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        JobRequest full = JobRequest.ofType(TYPE)
                .id("order-42:mail")
                .payload(payload, "application/vnd.shop+json; charset=utf-8")
                .maxAttempts(7)
                .at(pastDue);
        JobRequest plain =
                JobRequest.ofType(TYPE).id("order-43:mail").payload("hello").now();
        try (JobScheduler scheduler = scheduler(config, database);
                QueueTap tap = tap(scheduler, config)) {
            List<ScheduledJob> written = new ArrayList<>();
            inTransaction(database, connection -> {
                written.add(scheduler.outbox().schedule(connection, full));
                written.add(scheduler.outbox().schedule(connection, plain));
                return null;
            });
            scheduler.outbox().committed();

            Map<String, Envelope> got = awaitJobs(tap, 2);
            Envelope first = got.get("order-42:mail");
            assertThat(first.type()).isEqualTo(TYPE);
            assertThat(first.payload()).isEqualTo(payload);
            assertThat(first.contentType()).isEqualTo("application/vnd.shop+json; charset=utf-8");
            assertThat(first.dueAt()).isEqualTo(written.get(0).dueAt()).isEqualTo(pastDue);
            assertThat(first.maxAttempts()).isEqualTo(7);
            assertThat(first.attempt()).isEqualTo(1);
            Envelope second = got.get("order-43:mail");
            assertThat(new String(second.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(second.contentType()).isEqualTo("text/plain; charset=utf-8");
            assertThat(second.dueAt()).isEqualTo(written.get(1).dueAt());
            assertThat(second.maxAttempts()).isNull();
            Poll.until(Duration.ofSeconds(5), () -> TestOutbox.rows(database) == 0, () -> "published rows deleted");
        }
    }

    @Test
    void aRolledBackTransactionSchedulesNothing() throws Exception {
        SchedulerConfig config = config();
        try (TestOutbox.Database db = TestOutbox.postgres("outbox_rollback");
                JobScheduler scheduler = scheduler(config, db.dataSource());
                QueueTap tap = tap(scheduler, config)) {
            DataSource database = db.dataSource();
            try (Connection connection = database.getConnection()) {
                connection.setAutoCommit(false);
                insertOrder(connection, "order-1");
                scheduler
                        .outbox()
                        .schedule(
                                connection,
                                JobRequest.ofType(TYPE).id("rolled-back").now());
                connection.rollback();
            }
            scheduler.outbox().committed();
            inTransaction(database, connection -> {
                insertOrder(connection, "order-2");
                return scheduler
                        .outbox()
                        .schedule(
                                connection,
                                JobRequest.ofType(TYPE).id("committed").now());
            });
            scheduler.outbox().committed();

            Poll.until(Duration.ofSeconds(10), () -> tap.arrivedAt("committed") != null, () -> "the committed job");
            // The relay has looked after both transactions ended: the committed job came, the other never will.
            // The relay deletes a row after the broker's confirm, which may come after the tap's delivery.
            Poll.until(Duration.ofSeconds(5), () -> TestOutbox.rows(database) == 0, () -> "the published row deleted");
            assertThat(jobIds(tap)).containsExactly("committed");
        }
    }

    @Test
    void aRowWrittenWithoutAnnouncingTheCommitIsPublishedSoonAfterTheCommit() throws Exception {
        SchedulerConfig config = config();
        try (TestOutbox.Database db = TestOutbox.postgres("outbox_chase");
                // A poll interval far beyond the test: only the relay's look after each schedule can find the row.
                JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config)
                        .outbox(db.dataSource(), Duration.ofHours(1))
                        .build();
                QueueTap tap = tap(scheduler, config)) {
            DataSource database = db.dataSource();
            try (Connection connection = database.getConnection()) {
                connection.setAutoCommit(false);
                scheduler
                        .outbox()
                        .schedule(
                                connection,
                                JobRequest.ofType(TYPE).id("unannounced").now());
                Thread.sleep(300); // the application's transaction goes on a while after the write
                connection.commit();
            }
            Poll.until(Duration.ofSeconds(5), () -> tap.arrivedAt("unannounced") != null, () -> "the job");
        }
    }

    @Test
    void aRowNoWorkerWouldAcceptIsSetAsideWithItsErrorAndTheRowsBehindItGo() throws Exception {
        SchedulerConfig config = config();
        try (TestOutbox.Database db = TestOutbox.h2("outbox-aside");
                JobScheduler scheduler = scheduler(config, db.dataSource());
                QueueTap tap = tap(scheduler, config)) {
            DataSource database = db.dataSource();
            inTransaction(database, connection -> {
                // Written by hand, due first: a type no worker queue can have.
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobladder_outbox"
                        + " (job_id, job_type, payload, content_type, due_at, created_at)"
                        + " VALUES ('by-hand', 'Not A Type', X'', 'text/plain', TIMESTAMP WITH TIME ZONE"
                        + " '2020-01-01 00:00:00+00', CURRENT_TIMESTAMP)")) {
                    insert.executeUpdate();
                }
                return scheduler
                        .outbox()
                        .schedule(
                                connection,
                                JobRequest.ofType(TYPE).id("behind-it").now());
            });
            scheduler.outbox().committed();

            Poll.until(Duration.ofSeconds(10), () -> tap.arrivedAt("behind-it") != null, () -> "the job behind it");
            // The relay's pass commits the set-aside after the publishes it made beside it.
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> outboxRows(database).stream().noneMatch(row -> row.endsWith(": null")),
                    () -> "the pass committed; rows: " + outboxRows(database));
            assertThat(outboxRows(database))
                    .singleElement()
                    .satisfies(row -> assertThat(row)
                            .startsWith("by-hand: ")
                            .contains("a value no worker accepts")
                            .contains("Not A Type"));
            assertThat(jobIds(tap)).containsExactly("behind-it");
        }
    }

    @Test
    void aSchedulerBuiltWithoutAnOutboxSaysHowToGetOne() throws Exception {
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config()).build()) {
            assertThatThrownBy(scheduler::outbox)
                    .isInstanceOf(JobladderException.class)
                    .hasMessageContaining("JobSchedulerBuilder.outbox(dataSource)");
        }
    }

    @Test
    void aDatabaseWithoutTheTableIsNamedAndTheTransactionIsTheCallers() throws Exception {
        try (TestOutbox.Database bare =
                        TestOutbox.open("jdbc:h2:mem:bare-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
                JobScheduler scheduler = scheduler(config(), bare.dataSource());
                Connection connection = bare.dataSource().getConnection()) {
            assertThatThrownBy(() -> scheduler
                            .outbox()
                            .schedule(
                                    connection,
                                    JobRequest.ofType(TYPE).id("lost").now()))
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("job lost")
                    .hasMessageContaining("jobladder_outbox")
                    .hasMessageContaining("scheduler migrate --outbox-jdbc-url");
        }
    }

    /** Prints the time from commit to the job's arrival in its worker queue; asserts no bound (docs/performance.md). */
    @Test
    void commitToPublishLatency() throws Exception {
        SchedulerConfig config = config();
        int jobs = 300;
        try (TestOutbox.Database db = TestOutbox.postgres("outbox_latency");
                JobScheduler scheduler = scheduler(config, db.dataSource());
                QueueTap tap = tap(scheduler, config)) {
            DataSource database = db.dataSource();
            long[] announced = measure(database, scheduler, tap, "announced", jobs, true);
            long[] unannounced = measure(database, scheduler, tap, "unannounced", jobs, false);
            System.out.printf(
                    "outbox commit-to-queue latency over %d jobs, PostgreSQL and the shared broker:%n"
                            + "  committed() called: p50 %.1f ms, p99 %.1f ms%n"
                            + "  no committed() (the relay's look after schedule): p50 %.1f ms, p99 %.1f ms%n",
                    jobs,
                    percentile(announced, 50),
                    percentile(announced, 99),
                    percentile(unannounced, 50),
                    percentile(unannounced, 99));
            assertThat(announced).hasSize(jobs);
        }
    }

    private static long[] measure(
            DataSource database, JobScheduler scheduler, QueueTap tap, String prefix, int jobs, boolean announce)
            throws Exception {
        long[] latencies = new long[jobs];
        for (int i = 0; i < jobs; i++) {
            String id = prefix + "-" + i;
            long committedAt = inTransaction(database, connection -> {
                scheduler
                        .outbox()
                        .schedule(connection, JobRequest.ofType(TYPE).id(id).now());
                return null;
            });
            if (announce) {
                scheduler.outbox().committed();
            }
            Poll.until(Duration.ofSeconds(10), () -> tap.arrivedAt(id) != null, () -> "job " + id);
            latencies[i] = tap.arrivedAt(id) - committedAt;
        }
        return latencies;
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
    }

    private SchedulerConfig config() {
        return TestBroker.config(TestBroker.uniqueNamespace("outbox"), dataDir);
    }

    private static JobScheduler scheduler(SchedulerConfig config, DataSource database) {
        return JobSchedulerBuilder.fromSettings(config).outbox(database).build();
    }

    /** Taps the type's worker queue, declared by a first job scheduled directly. */
    private static QueueTap tap(JobScheduler scheduler, SchedulerConfig config) throws Exception {
        scheduler.schedule(JobRequest.ofType(TYPE).id("declares-the-queue").now());
        return QueueTap.on(TestBroker.uri(), config.topologyNames().workerQueue(TYPE));
    }

    private static Map<String, Envelope> awaitJobs(QueueTap tap, int count) {
        Poll.until(
                Duration.ofSeconds(10), () -> jobIds(tap).size() >= count, () -> count + " jobs, got " + jobIds(tap));
        return tap.received().stream()
                .filter(envelope -> !envelope.jobId().equals("declares-the-queue"))
                .collect(Collectors.toMap(Envelope::jobId, Function.identity()));
    }

    private static List<String> jobIds(QueueTap tap) {
        return tap.received().stream()
                .map(Envelope::jobId)
                .filter(id -> !id.equals("declares-the-queue"))
                .toList();
    }

    /** Each row of the outbox table as "job id: error". */
    private static List<String> outboxRows(DataSource database) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT job_id, error FROM jobladder_outbox");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(row.getString(1) + ": " + row.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction and commits it; returns the {@link System#nanoTime} right after the commit. */
    private static long inTransaction(DataSource database, Work<?> work) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            work.run(connection);
            connection.commit();
            return System.nanoTime();
        }
    }

    private static void insertOrder(Connection connection, String id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (id, total) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setInt(2, 100);
            insert.executeUpdate();
        }
    }
}
