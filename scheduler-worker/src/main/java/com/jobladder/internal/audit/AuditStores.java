package com.jobladder.internal.audit;

import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.jdbc.AuditDatabases;
import java.nio.file.Path;

/** Opens the workers' audit store: the database, its schema migrated by Flyway from {@code sql/} first. */
public final class AuditStores {
    private AuditStores() {}

    /** Opens the store, creating the embedded H2 file or the schema where they are missing. */
    public static AuditStore open(AuditSettings settings, Path dataDir) {
        return new JdbcAuditStore(AuditDatabases.open(settings, dataDir, SchemaMigration::migrate));
    }
}
