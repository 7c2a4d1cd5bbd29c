package com.jobladder.internal.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Sorts SQL errors by SQLSTATE, the one place that decides whether retrying can help (as
 * HikariCP's {@code SQLExceptionOverride} decides whether a connection is broken). Transient:
 * the database or the connection is down, busy or broke a deadlock; the same statement can
 * succeed later. Permanent: the database refuses these values (class 22 data, 23 constraint, 42
 * syntax or access); retrying them fails the same way, for ever.
 */
public final class SqlErrors {
    /** SQLSTATE of a unique-key violation, the same on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE of a transaction PostgreSQL aborted to break a deadlock. */
    public static final String DEADLOCK = "40P01";

    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "40001",
            DEADLOCK,
            // H2: database closed or in use by another process, connection broken, lock time-out.
            "90098",
            "90121",
            "90020",
            "90067",
            "HYT00");
    private static final Set<String> PERMANENT_CLASSES = Set.of("22", "23", "42");

    enum Kind {
        TRANSIENT,
        PERMANENT,
        /** Neither list knows it: treated as transient, and the log says so. */
        UNKNOWN
    }

    private SqlErrors() {}

    static Kind classify(SQLException e) {
        String state = sqlState(e);
        if (state == null) {
            return connectionFailure(e) ? Kind.TRANSIENT : Kind.UNKNOWN;
        }
        if (TRANSIENT_STATES.contains(state) || TRANSIENT_CLASSES.contains(stateClass(state))) {
            return Kind.TRANSIENT;
        }
        if (PERMANENT_CLASSES.contains(stateClass(state))) {
            return Kind.PERMANENT;
        }
        return connectionFailure(e) ? Kind.TRANSIENT : Kind.UNKNOWN;
    }

    /**
     * The first SQLSTATE in the exception, its next exceptions (a batch's real error is there
     * on PostgreSQL) and its causes.
     */
    public static String sqlState(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && !next.getSQLState().isBlank()) {
                        return next.getSQLState();
                    }
                    if (next.getNextException() == next) {
                        break;
                    }
                }
            }
        }
        return null;
    }

    /** HikariCP's pool time-out and a closed pool or connection carry no SQLSTATE but say what they are. */
    private static boolean connectionFailure(SQLException e) {
        if (e instanceof SQLTransientException
                || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.contains("has been closed")
                || message.contains("Connection is closed")
                || message.contains("Connection is not available");
    }

    private static String stateClass(String state) {
        return state.length() >= 2 ? state.substring(0, 2) : state;
    }

    /**
     * What the database said, without the statement H2 appends and with the real error of a
     * PostgreSQL batch (its next exception) rather than "Batch entry 0 ... was aborted".
     */
    public static String describe(SQLException e) {
        SQLException said = e.getNextException() != null ? e.getNextException() : e;
        String message = String.valueOf(said.getMessage());
        for (String tail : new String[] {"; SQL statement:", "\n"}) {
            int at = message.indexOf(tail);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        return message.strip() + " (SQLSTATE " + sqlState(e) + ")";
    }

    /** The exception the store throws for a failed operation, transient or permanent. */
    static RuntimeException failure(String what, SQLException e) {
        String state = sqlState(e);
        String message = "audit store cannot " + what + ": " + describe(e);
        return switch (classify(e)) {
            case PERMANENT ->
                new AuditRefusedException(
                        message + "; the database refuses these values," + " retrying them cannot succeed", state, e);
            case TRANSIENT -> new AuditUnavailableException(message, e);
            case UNKNOWN ->
                new AuditUnavailableException(
                        message + "; an SQLSTATE JobLadder does not know: treated" + " as transient and retried", e);
        };
    }
}
