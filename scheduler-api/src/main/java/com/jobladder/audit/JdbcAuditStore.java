package com.jobladder.audit;

import com.jobladder.amqp.SafeText;
import com.jobladder.api.CancelResult;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobStatus;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/** The audit store over JDBC; the same SQL runs on H2 and PostgreSQL. */
final class JdbcAuditStore implements AuditStore {
    private static final String UNIQUE_VIOLATION = SqlErrors.UNIQUE_VIOLATION;
    private static final int IN_LIST_CHUNK = 500;
    private static final int RACE_RETRIES = 20;

    private final HikariDataSource dataSource;

    JdbcAuditStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Outcome> record(List<JobAttempt> attempts) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        for (int tries = 1; ; tries++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    List<Outcome> stored = insertAttempts(connection, attempts);
                    connection.commit();
                    return stored;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    if (!(e instanceof SQLException sql) || !lostARace(sql)) {
                        throw e;
                    }
                    if (tries >= RACE_RETRIES) {
                        throw new AuditUnavailableException("audit store cannot record " + attempts.size()
                                + " attempt(s): still losing the race for a success marker after " + tries
                                + " tries; they stay unacknowledged", e);
                    }
                }
            } catch (SQLException e) {
                throw unavailable("record " + attempts.size() + " attempt(s); they stay unacknowledged", e);
            }
            pauseBeforeRetry(tries);
        }
    }

    /**
     * Another worker committed a success for one of these jobs after we looked (a unique-key
     * violation), or PostgreSQL chose this transaction to break a deadlock: look again.
     */
    private static boolean lostARace(SQLException e) {
        String state = SqlErrors.sqlState(e);
        return UNIQUE_VIOLATION.equals(state) || SqlErrors.DEADLOCK.equals(state);
    }

    /** A short random pause, so workers that collided do not collide again in step. */
    private static void pauseBeforeRetry(int tries) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + tries * 5L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while recording attempts; they stay unacknowledged", e);
        }
    }

    private List<Outcome> insertAttempts(Connection connection, List<JobAttempt> attempts) throws SQLException {
        Set<String> succeeded = existingSuccesses(connection, attempts);
        // Success markers go in in job-id order: two batches sharing ids then wait for each
        // other instead of deadlocking on PostgreSQL.
        Map<String, Instant> newSuccesses = new TreeMap<>();
        List<Outcome> stored = new ArrayList<>(attempts.size());
        try (PreparedStatement insert = connection.prepareStatement(AuditQueries.INSERT_ATTEMPT)) {
            for (JobAttempt attempt : attempts) {
                Outcome outcome = attempt.outcome();
                if (outcome == Outcome.SUCCEEDED && !succeeded.add(attempt.jobId())) {
                    outcome = Outcome.DUPLICATE;
                } else if (outcome == Outcome.SUCCEEDED) {
                    newSuccesses.put(attempt.jobId(), attempt.finishedAt());
                }
                bindAttempt(insert, attempt, outcome);
                insert.addBatch();
                stored.add(outcome);
            }
            try (PreparedStatement success = connection.prepareStatement(
                    "INSERT INTO job_success (job_id, succeeded_at) VALUES (?, ?)")) {
                for (Map.Entry<String, Instant> entry : newSuccesses.entrySet()) {
                    success.setString(1, entry.getKey());
                    success.setObject(2, timestamp(entry.getValue()));
                    success.addBatch();
                }
                success.executeBatch();
            }
            try (PreparedStatement seen = connection.prepareStatement(AuditQueries.CANCEL_SEEN)) {
                for (JobAttempt attempt : attempts) {
                    if (attempt.outcome() == Outcome.CANCELLED) {
                        seen.setObject(1, timestamp(attempt.finishedAt()));
                        seen.setString(2, attempt.jobId());
                        seen.addBatch();
                    }
                }
                seen.executeBatch();
            }
            insert.executeBatch();
        }
        return stored;
    }

    private static Set<String> existingSuccesses(Connection connection, List<JobAttempt> attempts) throws SQLException {
        List<String> ids = attempts.stream().filter(a -> a.outcome() == Outcome.SUCCEEDED).map(JobAttempt::jobId)
                .distinct().toList();
        Set<String> existing = new HashSet<>();
        for (int from = 0; from < ids.size(); from += IN_LIST_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT job_id FROM job_success WHERE job_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        existing.add(rows.getString(1));
                    }
                }
            }
        }
        return existing;
    }

    private static void bindAttempt(PreparedStatement insert, JobAttempt attempt, Outcome outcome) throws SQLException {
        insert.setString(1, attempt.jobId());
        insert.setInt(2, attempt.attempt());
        insert.setString(3, attempt.type());
        insert.setString(4, attempt.scheduleName());
        insert.setObject(5, timestamp(attempt.dueAt()));
        insert.setObject(6, timestamp(attempt.startedAt()));
        insert.setObject(7, timestamp(attempt.finishedAt()));
        insert.setString(8, outcome.name());
        insert.setString(9, attempt.workerId());
        String error = attempt.error();
        insert.setString(10, error == null || error.length() <= AuditColumns.ERROR ? error
                : error.substring(0, SafeText.cutPoint(error, AuditColumns.ERROR)));
        insert.setLong(11, saturatedMillis(attempt.lateness()));
    }

    /** A job due at an absurd instant has an absurd lateness: stored as the nearest long, never an overflow. */
    static long saturatedMillis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Override
    public Precheck precheck(String jobId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT (SELECT COUNT(*) FROM job_success WHERE job_id = ?),"
                             + " (SELECT COUNT(*) FROM job_cancel WHERE job_id = ?)")) {
            select.setString(1, jobId);
            select.setString(2, jobId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                if (row.getLong(1) > 0) {
                    return Precheck.ALREADY_SUCCEEDED;
                }
                return row.getLong(2) > 0 ? Precheck.CANCELLED : Precheck.RUN;
            }
        } catch (SQLException e) {
            throw unavailable("look up job " + jobId, e);
        }
    }

    @Override
    public Map<String, Precheck> precheckAll(Collection<String> jobIds) {
        Map<String, Precheck> answers = new HashMap<>();
        jobIds.forEach(id -> answers.put(id, Precheck.RUN));
        if (jobIds.isEmpty()) {
            return answers;
        }
        String marks = String.join(",", Collections.nCopies(jobIds.size(), "?"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT job_id, 1 FROM job_success WHERE job_id IN (" + marks + ")"
                             + " UNION ALL SELECT job_id, 2 FROM job_cancel WHERE job_id IN (" + marks + ")")) {
            int i = 1;
            for (int copy = 0; copy < 2; copy++) {
                for (String id : jobIds) {
                    select.setString(i++, id);
                }
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // A success outranks a tombstone, as in precheck.
                    Precheck found = rows.getInt(2) == 1 ? Precheck.ALREADY_SUCCEEDED : Precheck.CANCELLED;
                    answers.merge(rows.getString(1), found, (a, b) -> a == Precheck.ALREADY_SUCCEEDED
                            || b == Precheck.ALREADY_SUCCEEDED ? Precheck.ALREADY_SUCCEEDED : Precheck.CANCELLED);
                }
            }
            return answers;
        } catch (SQLException e) {
            throw unavailable("look up " + jobIds.size() + " jobs", e);
        }
    }

    @Override
    public void markRunning(String jobId, int attempt, String workerId, Instant startedAt) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO job_running (job_id, attempt, worker_id, started_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, jobId);
                insert.setInt(2, attempt);
                insert.setString(3, workerId);
                insert.setObject(4, timestamp(startedAt));
                insert.executeUpdate();
            } catch (SQLException e) {
                // A mark left by a worker that died while running this job: this run replaces it.
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE job_running SET attempt = ?, worker_id = ?, started_at = ? WHERE job_id = ?")) {
                    update.setInt(1, attempt);
                    update.setString(2, workerId);
                    update.setObject(3, timestamp(startedAt));
                    update.setString(4, jobId);
                    update.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw unavailable("mark job " + jobId + " as running", e);
        }
    }

    @Override
    public void clearRunning(String jobId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM job_running WHERE job_id = ?")) {
            delete.setString(1, jobId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("clear the running mark of job " + jobId, e);
        }
    }

    @Override
    public CancelResult cancel(String jobId, Instant at) {
        try (Connection connection = dataSource.getConnection()) {
            JobStatus status = status(connection, jobId);
            switch (status.state()) {
                case SUCCEEDED, DEAD -> {
                    return CancelResult.ALREADY_FINISHED;
                }
                default -> {
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO job_cancel (job_id, cancelled_at) VALUES (?, ?)")) {
                insert.setString(1, jobId);
                insert.setObject(2, timestamp(at));
                insert.executeUpdate();
                return CancelResult.CANCELLED;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return CancelResult.ALREADY_CANCELLED;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("cancel job " + jobId, e);
        }
    }

    @Override
    public JobStatus status(String jobId) {
        try (Connection connection = dataSource.getConnection()) {
            return status(connection, jobId);
        } catch (SQLException e) {
            throw unavailable("read the status of job " + jobId, e);
        }
    }

    private static JobStatus status(Connection connection, String jobId) throws SQLException {
        List<JobAttempt> attempts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(AuditQueries.ATTEMPTS_OF_JOB)) {
            select.setString(1, jobId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(attempt(rows));
                }
            }
        }
        boolean succeeded = exists(connection, "SELECT 1 FROM job_success WHERE job_id = ?", jobId);
        boolean cancelled = exists(connection, "SELECT 1 FROM job_cancel WHERE job_id = ?", jobId);
        boolean running = exists(connection, "SELECT 1 FROM job_running WHERE job_id = ?", jobId);
        return new JobStatus(jobId, JobStates.derive(attempts, succeeded, cancelled, running), attempts);
    }

    private static JobAttempt attempt(ResultSet row) throws SQLException {
        return new JobAttempt(row.getString(1), row.getInt(2), row.getString(3), row.getString(4), instant(row, 5),
                instant(row, 6), instant(row, 7), Outcome.valueOf(row.getString(8)), row.getString(9),
                row.getString(10), Duration.ofMillis(row.getLong(11)));
    }

    @Override
    public List<JobAttempt> lastAttemptsOfSchedule(String scheduleName, int limit) {
        List<JobAttempt> attempts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(AuditQueries.LAST_ATTEMPTS_OF_SCHEDULE)) {
            select.setString(1, scheduleName);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(attempt(rows));
                }
            }
        } catch (SQLException e) {
            throw unavailable("read the last fires of schedule " + scheduleName, e);
        }
        return attempts;
    }

    @Override
    public boolean tryLockSchedule(String scheduleName, String jobId, String workerId, Instant now, Instant expiresAt) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement expired = connection.prepareStatement(
                    "DELETE FROM schedule_run_lock WHERE schedule_name = ? AND expires_at < ?")) {
                expired.setString(1, scheduleName);
                expired.setObject(2, timestamp(now));
                expired.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schedule_run_lock (schedule_name, job_id, worker_id, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, scheduleName);
                insert.setString(2, jobId);
                insert.setString(3, workerId);
                insert.setObject(4, timestamp(expiresAt));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("lock schedule " + scheduleName, e);
        }
    }

    @Override
    public void unlockSchedule(String scheduleName, String jobId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM schedule_run_lock WHERE schedule_name = ? AND job_id = ?")) {
            delete.setString(1, scheduleName);
            delete.setString(2, jobId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("unlock schedule " + scheduleName, e);
        }
    }

    @Override
    public Optional<Instant> cronCursor(String scheduleName) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT last_fire_at FROM cron_cursor WHERE schedule_name = ?")) {
            select.setString(1, scheduleName);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(instant(row, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read the cron cursor of " + scheduleName, e);
        }
    }

    @Override
    public void saveCronCursor(String scheduleName, Instant lastFireAt) {
        OffsetDateTime now = timestamp(Instant.now());
        try (Connection connection = dataSource.getConnection()) {
            for (int tries = 1; ; tries++) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE cron_cursor SET last_fire_at = ?, updated_at = ? WHERE schedule_name = ?")) {
                    update.setObject(1, timestamp(lastFireAt));
                    update.setObject(2, now);
                    update.setString(3, scheduleName);
                    if (update.executeUpdate() > 0) {
                        return;
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO cron_cursor (schedule_name, last_fire_at, updated_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, scheduleName);
                    insert.setObject(2, timestamp(lastFireAt));
                    insert.setObject(3, now);
                    insert.executeUpdate();
                    return;
                } catch (SQLException e) {
                    // Another leader inserted it between our update and insert: update it instead.
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || tries >= RACE_RETRIES) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw unavailable("save the cron cursor of " + scheduleName, e);
        }
    }

    @Override
    public int deleteExpiredChunk(Instant cutoff, int chunkSize) {
        try (Connection connection = dataSource.getConnection()) {
            for (AuditQueries.Expiring table : AuditQueries.EXPIRING) {
                int deleted = deleteChunk(connection, table, cutoff, chunkSize);
                if (deleted > 0) {
                    return deleted;
                }
            }
            return 0;
        } catch (SQLException e) {
            throw unavailable("delete audit rows older than " + cutoff, e);
        }
    }

    /**
     * Deletes the rows up to the n-th oldest expired one. Bounding by a timestamp keeps both
     * statements on the table's timestamp index; {@code WHERE id IN (SELECT ... LIMIT n)} made
     * PostgreSQL scan the whole table. Rows sharing the bound's timestamp can make a chunk a
     * little larger than n.
     */
    private static int deleteChunk(Connection connection, AuditQueries.Expiring table, Instant cutoff, int chunkSize)
            throws SQLException {
        OffsetDateTime bound = null;
        try (PreparedStatement select = connection.prepareStatement(table.chunkBound())) {
            select.setObject(1, timestamp(cutoff));
            select.setInt(2, chunkSize - 1);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    bound = row.getObject(1, OffsetDateTime.class);
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(
                bound != null ? table.deleteUpToBound() : table.deleteBeforeCutoff())) {
            delete.setObject(1, bound != null ? bound : timestamp(cutoff));
            return delete.executeUpdate();
        }
    }

    @Override
    public long attemptCount() {
        return count("SELECT COUNT(*) FROM job_attempt");
    }

    @Override
    public long successCount() {
        return count("SELECT COUNT(*) FROM job_success");
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw unavailable("count rows", e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static boolean exists(Connection connection, String sql, String jobId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** Transient or permanent, as {@link SqlErrors} sorts it. */
    private static RuntimeException unavailable(String what, SQLException e) {
        return SqlErrors.failure(what, e);
    }
}
