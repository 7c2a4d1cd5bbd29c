package com.jobladder.testsupport;

import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.jdbc.AuditDatabases;
import com.jobladder.internal.jdbc.JdbcJobStatusStore;
import com.jobladder.internal.jdbc.JobStatusStore;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * An audit store created as the workers create it (the schema of {@code sql/}, migrated by Flyway),
 * for tests of the client's side, which never creates one.
 */
public final class TestAuditStore {
    private TestAuditStore() {}

    public static JobStatusStore create(AuditSettings settings, Path dataDir) {
        return new JdbcJobStatusStore(AuditDatabases.open(
                settings,
                dataDir,
                (dataSource, url) -> Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/jobladder/audit")
                        .load()
                        .migrate()));
    }
}
