package com.jobladder.internal.outbox;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobIds;
import com.jobladder.api.JobTypes;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.jdbc.AuditDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements on {@code jobladder_outbox} (sql/outbox): the write in the application's
 * transaction, and the relay's pick, delete and set-aside in its own.
 */
public final class OutboxTable {
    /** The longest error text the table keeps for a row set aside. */
    private static final int MAX_ERROR_LENGTH = 4000;

    private OutboxTable() {}

    /** Writes the job through the caller's connection, in whatever transaction it is in. */
    public static void insert(Connection connection, Envelope envelope) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobladder_outbox"
                + " (job_id, job_type, payload, content_type, due_at, max_attempts, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, envelope.jobId());
            insert.setString(2, envelope.type());
            insert.setBytes(3, envelope.payload());
            insert.setString(4, envelope.contentType());
            insert.setObject(5, AuditDatabase.timestamp(envelope.dueAt()));
            if (envelope.maxAttempts() == null) {
                insert.setNull(6, Types.INTEGER);
            } else {
                insert.setInt(6, envelope.maxAttempts());
            }
            insert.setObject(7, AuditDatabase.timestamp(envelope.submittedAt()));
            insert.executeUpdate();
        }
    }

    /**
     * Locks up to {@code limit} rows, due first, skipping rows another relay holds
     * ({@code FOR UPDATE SKIP LOCKED}), so that two relays never publish the same row at once.
     */
    static List<OutboxRow> lockDueFirst(Connection connection, int limit) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>(limit);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, job_id, job_type, payload, content_type, due_at, max_attempts, created_at"
                        + " FROM jobladder_outbox WHERE error IS NULL ORDER BY due_at, seq"
                        + " LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setInt(1, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(read(row));
                }
            }
        }
        return rows;
    }

    private static OutboxRow read(ResultSet row) throws SQLException {
        long seq = row.getLong(1);
        String jobId = row.getString(2);
        String type = row.getString(3);
        int maxAttempts = row.getInt(7);
        Integer attempts = row.wasNull() ? null : maxAttempts;
        try {
            JobIds.requireValid(jobId);
            JobTypes.requireValid(type);
            if (attempts != null && attempts < 1) {
                throw new InvalidRequestException("max_attempts " + attempts + " must be at least 1");
            }
            Instant dueAt = AuditDatabase.instant(row, 6);
            Instant createdAt = AuditDatabase.instant(row, 8);
            Envelope envelope =
                    new Envelope(jobId, type, row.getBytes(4), row.getString(5), dueAt, 1, createdAt, null, attempts);
            return new OutboxRow(seq, envelope, null);
        } catch (RuntimeException e) {
            return new OutboxRow(seq, null, "a value no worker accepts: " + e.getMessage());
        }
    }

    static void delete(Connection connection, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM jobladder_outbox WHERE seq = ?")) {
            for (long seq : seqs) {
                delete.setLong(1, seq);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /** Keeps a row no relay can ever publish for an operator, and out of every later pick. */
    static void setAside(Connection connection, long seq, String error) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE jobladder_outbox SET error = ? WHERE seq = ?")) {
            update.setString(1, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
            update.setLong(2, seq);
            update.executeUpdate();
        }
    }
}
