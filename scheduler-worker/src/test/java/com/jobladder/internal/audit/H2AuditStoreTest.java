package com.jobladder.internal.audit;

import com.jobladder.internal.config.AuditSettings;
import java.nio.file.Path;

/** The audit-store contract on embedded H2, the single-host default. */
class H2AuditStoreTest extends AuditStoreContract {
    @Override
    AuditSettings freshDatabase(AuditSettings defaults, Path dataDir) {
        return defaults.withJdbcUrl("jdbc:h2:file:" + dataDir.resolve("audit") + ";AUTO_SERVER=TRUE", "sa", "");
    }

    @Override
    boolean takesWhatPostgresRefuses() {
        return true;
    }
}
