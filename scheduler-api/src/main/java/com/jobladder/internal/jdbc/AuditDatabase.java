package com.jobladder.internal.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The audit store's one way into its database, as jdbi's {@code withHandle}: a pooled connection
 * per call, SQL errors sorted by {@link SqlErrors} into the store's two exceptions, and "insert
 * unless the key is taken" written once. Timestamps are stored as UTC offsets on H2 and
 * PostgreSQL alike.
 */
public final class AuditDatabase implements AutoCloseable {
    /** How often a write that lost a race with another worker (a key taken meanwhile) is tried again. */
    public static final int RACE_RETRIES = 20;

    private final HikariDataSource dataSource;

    public AuditDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work on one connection that returns an answer. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work on one connection that returns nothing. */
    @FunctionalInterface
    public interface Update {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection. A failure becomes {@link AuditUnavailableException}
     * or {@link AuditRefusedException} saying "audit store cannot {@code what}: ...".
     */
    public <T> T withConnection(String what, Query<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.failure(what, e);
        }
    }

    /** {@link #withConnection} for work without an answer. */
    public void useConnection(String what, Update work) {
        withConnection(what, connection -> {
            work.run(connection);
            return null;
        });
    }

    /**
     * Executes an INSERT and says whether it added the row: false when a row with the same
     * unique key is there already (SQLSTATE 23505 on H2 and PostgreSQL). Only for a connection
     * in auto-commit mode, where the refused statement leaves nothing to roll back.
     */
    public static boolean insertUnlessTaken(PreparedStatement insert) throws SQLException {
        try {
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    public static boolean isUniqueViolation(SQLException e) {
        return SqlErrors.UNIQUE_VIOLATION.equals(SqlErrors.sqlState(e));
    }

    /** True when {@code sql} (one {@code ?}, the job id) finds a row. */
    public static boolean exists(Connection connection, String sql, String jobId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
