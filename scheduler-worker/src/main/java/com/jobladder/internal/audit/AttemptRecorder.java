package com.jobladder.internal.audit;

import static com.jobladder.internal.jdbc.AuditDatabase.timestamp;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.internal.amqp.SafeText;
import com.jobladder.internal.jdbc.AuditDatabase;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import com.jobladder.internal.jdbc.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes attempts and the success markers that make success effectively-once, a batch per
 * transaction; see {@link AttemptStore#record}.
 */
final class AttemptRecorder {
    private static final int IN_LIST_CHUNK = 500;

    private final AuditDatabase database;

    AttemptRecorder(AuditDatabase database) {
        this.database = database;
    }

    List<Outcome> record(List<JobAttempt> attempts) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        String what = "record " + attempts.size() + " attempt(s); they stay unacknowledged";
        for (int tries = 1; ; tries++) {
            int attempt = tries;
            Optional<List<Outcome>> stored = database.withConnection(what, c -> tryRecord(c, attempts, attempt));
            if (stored.isPresent()) {
                return stored.get();
            }
            pauseBeforeRetry(tries);
        }
    }

    /** The stored outcomes, or nothing when another worker won a race and the batch must be tried again. */
    private static Optional<List<Outcome>> tryRecord(Connection connection, List<JobAttempt> attempts, int tries)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            List<Outcome> stored = insertAttempts(connection, attempts);
            connection.commit();
            return Optional.of(stored);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            if (!(e instanceof SQLException sql) || !lostARace(sql)) {
                throw e;
            }
            if (tries >= AuditDatabase.RACE_RETRIES) {
                throw new AuditUnavailableException(
                        "audit store cannot record " + attempts.size()
                                + " attempt(s): still losing the race for a success marker after " + tries
                                + " tries; they stay unacknowledged",
                        e);
            }
            return Optional.empty();
        }
    }

    /**
     * Another worker committed a success for one of these jobs after we looked (a unique-key
     * violation), or PostgreSQL chose this transaction to break a deadlock: look again.
     */
    private static boolean lostARace(SQLException e) {
        return AuditDatabase.isUniqueViolation(e) || SqlErrors.DEADLOCK.equals(SqlErrors.sqlState(e));
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

    private static List<Outcome> insertAttempts(Connection connection, List<JobAttempt> attempts) throws SQLException {
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
            try (PreparedStatement success =
                    connection.prepareStatement("INSERT INTO job_success (job_id, succeeded_at) VALUES (?, ?)")) {
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
        List<String> ids = attempts.stream()
                .filter(a -> a.outcome() == Outcome.SUCCEEDED)
                .map(JobAttempt::jobId)
                .distinct()
                .toList();
        Set<String> existing = new HashSet<>();
        for (int from = 0; from < ids.size(); from += IN_LIST_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT job_id FROM job_success WHERE job_id IN (" + marks + ")")) {
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
        insert.setString(
                10,
                error == null || error.length() <= AuditColumns.ERROR
                        ? error
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
}
