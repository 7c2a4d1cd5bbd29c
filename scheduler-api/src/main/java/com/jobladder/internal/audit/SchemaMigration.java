package com.jobladder.internal.audit;

import com.jobladder.internal.config.Secrets;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Migrates the audit schema with Flyway from {@code db/migration} (the {@code sql/} folder). Only
 * processes that migrate, the workers and {@code scheduler migrate}, load this class: Flyway is
 * not among the libraries scheduler-api brings to an application.
 */
final class SchemaMigration {
    private SchemaMigration() {
    }

    static void migrate(DataSource dataSource, String jdbcUrl) {
        OptionalLibrary.FLYWAY.require(SchemaMigration.class.getClassLoader(), "migrating the audit schema of "
                + Secrets.redact(jdbcUrl) + " needs Flyway (scheduler-worker brings it)");
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            throw new AuditUnavailableException("migrating the audit schema in " + Secrets.redact(jdbcUrl)
                    + " failed: " + e.getMessage(), e);
        }
    }
}
