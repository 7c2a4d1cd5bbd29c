package com.jobladder.internal.cli;

import com.jobladder.api.JobladderException;
import com.jobladder.internal.config.Secrets;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates or migrates the outbox table in an application database, from {@code db/jobladder/outbox} (the
 * {@code sql/outbox} folder, which this jar carries). Its history table is its own, so that it
 * lives beside the application's tables and migrations, whatever tool keeps those: the first run
 * records the schema as it finds it (a baseline), then adds the outbox.
 */
final class OutboxMigration {
    static final String HISTORY_TABLE = "jobladder_outbox_schema_history";

    private OutboxMigration() {}

    /** @return how many migrations it applied: 0 when the table is up to date */
    static int migrate(String jdbcUrl, String user, String password) {
        try {
            return Flyway.configure()
                    .dataSource(jdbcUrl, user, password)
                    .locations("classpath:db/jobladder/outbox")
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw new JobladderException(
                    "migrating the outbox in " + Secrets.redact(jdbcUrl) + " failed: " + e.getMessage(), e);
        }
    }
}
