package com.jobladder.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.jdbc.JdbcJobStatusStore;
import com.jobladder.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements that read or trim big tables use an index on PostgreSQL once the tables are
 * big: 300,000 attempts, 240,000 success markers, 20,000 tombstones and, as if that many handlers
 * had died mid-run, 10,000 running marks; analysed. The plans are
 * written to {@code target/query-plans.txt}; docs/audit-store.md shows them.
 */
@Tag("integration")
class AuditQueryPlansTest {
    private static final OffsetDateTime CUTOFF = OffsetDateTime.of(2026, 1, 20, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final List<String> PLANS = new ArrayList<>();
    private static String url;

    @BeforeAll
    static void fillTables(@TempDir Path dataDir) throws SQLException {
        url = TestPostgres.createDatabase("plans");
        AuditStores.open(TestPostgres.audit(ConfigLoader.defaults(Map.of()).audit(), url), dataDir)
                .close();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            // A month of attempts, one every ~9 s; one in 100 from one of 50 schedules, one in 15 failed.
            statement.execute("""
                    INSERT INTO job_attempt (job_id, attempt, job_type, schedule_name, due_at, started_at,
                        finished_at, outcome, worker_id, error, lateness_ms)
                    SELECT 'job-' || i, 1, 'mail', CASE WHEN i % 100 = 0 THEN 's-' || (i / 100 % 50) END,
                        t, t, t + interval '20 ms', CASE WHEN i % 15 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END,
                        'host-' || (i % 3), NULL, 5
                    FROM generate_series(1, 300000) i,
                         LATERAL (SELECT timestamptz '2026-01-01 00:00:00+00' + i * interval '9 s' AS t) at
                    """);
            statement.execute("""
                    INSERT INTO job_success (job_id, succeeded_at)
                    SELECT job_id, finished_at FROM job_attempt WHERE outcome = 'SUCCEEDED' AND id % 7 <> 0
                    """);
            statement.execute("""
                    INSERT INTO job_cancel (job_id, cancelled_at, seen_at)
                    SELECT 'cancelled-' || i, t, CASE WHEN i % 2 = 0 THEN t + interval '1 h' END
                    FROM generate_series(1, 20000) i,
                         LATERAL (SELECT timestamptz '2026-01-01 00:00:00+00' + i * interval '2 min' AS t) at
                    """);
            statement.execute("""
                    INSERT INTO job_running (job_id, attempt, worker_id, started_at)
                    SELECT 'stuck-' || i, 1, 'host-0', timestamptz '2026-01-01 00:00:00+00' + i * interval '4 min'
                    FROM generate_series(1, 10000) i
                    """);
            statement.execute("ANALYZE");
        }
    }

    @AfterAll
    static void writePlans() throws IOException {
        Path out = Path.of("target", "query-plans.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", PLANS));
    }

    @Test
    void statusReadsAJobsAttemptsByIndex() throws SQLException {
        assertThat(plan("status(jobId)", JdbcJobStatusStore.ATTEMPTS_OF_JOB, "job-123456"))
                .contains("Index Scan using job_attempt_job_id")
                .doesNotContain("Seq Scan");
    }

    @Test
    void theSchedulesViewReadsTheLastFiresByIndex() throws SQLException {
        assertThat(plan("scheduler schedules: last fires", AuditQueries.LAST_ATTEMPTS_OF_SCHEDULE, "s-7", 10))
                .contains("Index Scan Backward using job_attempt_schedule")
                .doesNotContain("Seq Scan");
    }

    @Test
    void retentionFindsEachChunksBoundAndDeletesByIndex() throws SQLException {
        for (AuditQueries.Expiring table : AuditQueries.EXPIRING) {
            assertThat(plan("retention: bound of a chunk of " + table.table(), table.chunkBound(), CUTOFF, 4_999))
                    .as(table.table())
                    .contains("Index")
                    .doesNotContain("Seq Scan");
            assertThat(plan(
                            "retention: delete a chunk of " + table.table(),
                            table.deleteUpToBound(),
                            boundOfFirstChunk(table)))
                    .as(table.table())
                    .contains("Index")
                    .doesNotContain("Seq Scan");
        }
    }

    private static OffsetDateTime boundOfFirstChunk(AuditQueries.Expiring table) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(table.chunkBound())) {
            select.setObject(1, CUTOFF);
            select.setInt(2, 4_999);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next())
                        .as("%s has more than a chunk to delete", table.table())
                        .isTrue();
                return row.getObject(1, OffsetDateTime.class);
            }
        }
    }

    /** EXPLAIN (without ANALYZE: nothing is deleted) with the parameters bound as the store binds them. */
    private static String plan(String title, String sql, Object... parameters) throws SQLException {
        StringBuilder plan = new StringBuilder("-- " + title + "\n" + sql + "\n");
        try (Connection connection = connect();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        synchronized (PLANS) {
            PLANS.add(plan.toString());
        }
        return plan.toString();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
    }
}
