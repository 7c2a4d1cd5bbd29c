package com.jobladder.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The audit tables of worker processes, read with plain SQL to check what they recorded. */
record AuditDatabase(String jdbcUrl, String user, String password) {

    /** Jobs with more than one SUCCEEDED attempt: effectively-once says none. */
    long jobsSucceededMoreThanOnce() {
        return count("SELECT COUNT(*) FROM (SELECT job_id FROM job_attempt WHERE outcome = 'SUCCEEDED'"
                + " GROUP BY job_id HAVING COUNT(*) > 1) twice");
    }

    long count(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
