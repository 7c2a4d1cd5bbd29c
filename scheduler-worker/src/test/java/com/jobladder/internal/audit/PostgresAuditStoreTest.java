package com.jobladder.internal.audit;

import com.jobladder.internal.config.AuditSettings;
import com.jobladder.testsupport.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/** The audit-store contract on PostgreSQL, what several hosts share; a database per test. */
@Tag("integration")
class PostgresAuditStoreTest extends AuditStoreContract {
    @Override
    AuditSettings freshDatabase(AuditSettings defaults, Path dataDir) {
        return TestPostgres.audit(defaults, TestPostgres.createDatabase("audit"));
    }

    @Override
    boolean takesWhatPostgresRefuses() {
        return false;
    }
}
