package com.jobladder.internal.jdbc;

import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.config.Secrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Checks, with one plain connection and before any pool exists, that a database holds the audit
 * schema: a client must find the workers' store, never make one of its own.
 */
final class ExistingSchema {
    /** What {@code status} and {@code cancel} read and write. */
    private static final String[] TABLES = {"job_attempt", "job_cancel", "job_running"};
    /** H2: "Database ... not found, either pre-create it or allow remote database creation". */
    private static final int H2_DATABASE_NOT_FOUND = 90146;

    private ExistingSchema() {}

    static void require(DatabaseLogin access, AuditSettings settings) {
        try (Connection connection = DriverManager.getConnection(access.url(), access.user(), access.password());
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try {
                    statement
                            .executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0")
                            .close();
                } catch (SQLException e) {
                    throw missing(settings, "table " + table + " does not exist", e);
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_NOT_FOUND) {
                throw missing(settings, "the database file does not exist", e);
            }
            throw new AuditUnavailableException(
                    "cannot open the audit database " + Secrets.redact(settings.jdbcUrl())
                            + " (" + e.getMessage()
                            + "). Check that it runs and that jobladder.audit.jdbc-url, username"
                            + " and password (or JOBLADDER_AUDIT_*) are right",
                    e);
        }
    }

    private static AuditUnavailableException missing(AuditSettings settings, String detail, SQLException cause) {
        return new AuditUnavailableException(
                "no audit store at " + Secrets.redact(settings.jdbcUrl()) + " (" + detail
                        + "): point jobladder.audit.jdbc-url at the workers' database",
                cause);
    }
}
