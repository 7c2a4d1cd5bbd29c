package com.jobladder.internal.jdbc;

import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.config.Secrets;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the audit database: a HikariCP pool over the configured JDBC URL or the embedded H2 file
 * ({@link EmbeddedH2}). The client opens what the workers created; the workers create it and
 * migrate its schema, which only they know how to do.
 */
public final class AuditDatabases {
    private static final Logger log = LoggerFactory.getLogger(AuditDatabases.class);
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    private AuditDatabases() {}

    /** Brings a database's schema up to date before anything uses it. */
    @FunctionalInterface
    public interface Migration {
        void migrate(DataSource dataSource, String jdbcUrl);
    }

    /**
     * Opens the database, creating it where it is an embedded H2 file, and migrates its schema. An
     * embedded H2 file is opened as {@link EmbeddedH2} describes: generated password, auto-server on
     * loopback only.
     */
    public static AuditDatabase open(AuditSettings settings, Path dataDir, Migration migration) {
        HikariDataSource dataSource = dataSource(settings, access(settings, dataDir, true));
        try {
            migration.migrate(dataSource, settings.jdbcUrl());
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return opened(settings, dataSource);
    }

    /**
     * Opens the database the workers created, for a client's {@code status} and {@code cancel}:
     * never creates a database or migrates a schema (an H2 file is opened with
     * {@code IFEXISTS=TRUE} and the workers' secret), and fails with "no audit store at ..." when
     * there is none with the schema.
     */
    public static AuditDatabase openExisting(AuditSettings settings, Path dataDir) {
        DatabaseLogin access = access(settings, dataDir, false);
        ExistingSchema.require(access, settings);
        return opened(settings, dataSource(settings, access));
    }

    private static AuditDatabase opened(AuditSettings settings, HikariDataSource dataSource) {
        log.info("Audit store - opened {}", Secrets.redact(settings.jdbcUrl()));
        return new AuditDatabase(dataSource);
    }

    /** Where and as whom to connect: as configured, or the embedded H2 database's prepared access. */
    private static DatabaseLogin access(AuditSettings settings, Path dataDir, boolean create) {
        OptionalLibrary.requireDriver(settings.jdbcUrl(), AuditDatabases.class.getClassLoader());
        if (!EmbeddedH2.isFile(settings.jdbcUrl())) {
            return new DatabaseLogin(settings.jdbcUrl(), settings.username(), settings.password());
        }
        return create ? EmbeddedH2.prepare(settings, dataDir) : EmbeddedH2.prepareExisting(settings);
    }

    /** The connection pool; no schema work. */
    private static HikariDataSource dataSource(AuditSettings settings, DatabaseLogin access) {
        String url = access.url();
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("jobladder-audit");
        pool.setJdbcUrl(url);
        pool.setUsername(access.user());
        pool.setPassword(access.password());
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        pool.setInitializationFailTimeout(CONNECT_TIMEOUT_MS);
        if (url.startsWith("jdbc:postgresql:")) {
            // The driver prepares a statement on the server after five uses, and PostgreSQL then
            // may keep one generic plan for it. Planned while the tables were new and unanalysed,
            // that plan scanned job_success whole for every batch's lookup: 1,700 executions/s
            // at 50,000 rows and falling (bin/bench audit). Custom plans use the indexes.
            pool.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
            // A batch's rows as multi-row INSERTs: +23 to +26 % executions/s in two A/B runs of
            // bin/bench audit (batches of 200). A parameter in the URL still wins.
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new AuditUnavailableException(
                    "cannot open the audit database " + Secrets.redact(settings.jdbcUrl())
                            + " (" + rootMessage(e)
                            + "). Check that it runs and that jobladder.audit.jdbc-url, username and"
                            + " password (or JOBLADDER_AUDIT_*) are right",
                    e);
        }
        if (EmbeddedH2.isFile(url)) {
            EmbeddedH2.restrictFiles(url);
        }
        return dataSource;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
