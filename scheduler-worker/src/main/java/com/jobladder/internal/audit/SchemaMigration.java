package com.jobladder.internal.audit;

import com.jobladder.internal.config.Secrets;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Migrates the audit schema with Flyway from {@code db/jobladder/audit} (the {@code sql/} folder, which
 * this jar carries): the workers and {@code scheduler migrate} do, never a client.
 */
final class SchemaMigration {
    private SchemaMigration() {}

    static void migrate(DataSource dataSource, String jdbcUrl) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/jobladder/audit")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new AuditUnavailableException(
                    "migrating the audit schema in " + Secrets.redact(jdbcUrl) + " failed: " + e.getMessage(), e);
        }
    }
}
